"""What the synthetic data of the benchmarks is made of (bench/offers/generate.py,
bench/handbook/generate.py): word lists per language, the lists' entries and the languages
spoken. Obviously fake, never shown anywhere."""

import random

# Word lists: the first words are the most frequent. Letters only, no punctuation.
WORDS = {
    "de": (
        "Beratung Unterstützung Hilfe Familie Kinder Sprachkurs Deutschkurs Frauen Jugendliche "
        "Aufenthaltsrecht Beratungsstelle Gesundheit Arbeit Wohnung Schule Ausbildung Begleitung "
        "Integrationskurs Asylverfahren Anerkennung Sprechstunde Treffpunkt Freizeit Sport Eltern "
        "Hausaufgabenhilfe Nachhilfe Bewerbung Migrationsberatung Sozialberatung Rechtsberatung "
        "Dolmetscher Übersetzung Behörden Anträge Formulare Elterncafé Krankenversicherung Pflege "
        "Senioren Nachbarschaft Ehrenamt Patenschaften Gruppe Kurs Workshop offene kostenlose "
        "wöchentlich Termine Studium Berufsorientierung Schuldnerberatung Wohnungssuche Kita "
        "Gewaltschutz Traumaberatung Frauenberatung Jugendberatung Aufenthalt Einbürgerung Praktikum"
    ).split(),
    "en": (
        "counselling support help family children language course women young people residence "
        "advice health work housing school training accompaniment integration asylum recognition "
        "consultation meeting leisure sports parents homework tutoring application migration social "
        "legal interpreter translation authorities forms insurance care seniors neighbourhood "
        "volunteering mentoring group workshop open free weekly appointments studies career debt"
    ).split(),
    "ar": (
        "استشارة دعم مساعدة عائلة أطفال دورة لغة نساء شباب إقامة صحة عمل سكن مدرسة تدريب مرافقة "
        "اندماج لجوء اعتراف موعد لقاء رياضة أهل واجبات طلب هجرة قانون ترجمة مترجم استمارات تأمين "
        "رعاية مسنين جيران تطوع مجموعة ورشة مفتوح مجاني أسبوعي دراسة مهنة"
    ).split(),
    "fa": (
        "مشاوره پشتیبانی کمک خانواده کودکان دوره زبان زنان جوانان اقامت سلامت کار مسکن مدرسه "
        "آموزش همراهی ادغام پناهندگی وقت دیدار ورزش والدین تکالیف درخواست مهاجرت قانون ترجمه "
        "مترجم فرم بیمه مراقبت سالمندان همسایگی داوطلب گروه کارگاه رایگان هفتگی"
    ).split(),
    "tr": (
        "danışmanlık destek yardım aile çocuklar dil kursu kadınlar gençler oturum sağlık iş konut "
        "okul eğitim refakat uyum iltica tanınma randevu buluşma spor ebeveynler ödev başvuru göç "
        "hukuk tercüme tercüman formlar sigorta bakım yaşlılar komşuluk gönüllü grup atölye ücretsiz"
    ).split(),
    "ru": (
        "консультация поддержка помощь семья дети курс языка женщины молодёжь проживание здоровье "
        "работа жильё школа обучение сопровождение интеграция убежище признание запись встреча "
        "спорт родители домашние задания заявление миграция право перевод переводчик формы "
        "страховка уход пожилые соседи волонтёры группа мастерская бесплатно еженедельно"
    ).split(),
    "uk": (
        "консультація підтримка допомога родина діти курс мови жінки молодь проживання медицина "
        "робота житло школа навчання супровід інтеграція притулок визнання запис зустріч спорт "
        "батьки домашні завдання заява міграція право переклад перекладач форми страхування "
        "догляд літні сусіди волонтери група майстерня безкоштовно щотижня"
    ).split(),
}
# Short words between them, as in sentences.
FILLERS = {
    "de": "und für die der mit im bei von zu auf in".split(),
    "en": "and for the with in at of to on".split(),
    "ar": "و في من مع على إلى".split(),
    "fa": "و در از با به برای".split(),
    "tr": "ve için ile de bir".split(),
    "ru": "и для с в на по".split(),
    "uk": "і для з в на по".split(),
}
OFFER = {"de": "Testangebot", "en": "Test offer", "ar": "عرض تجريبي", "fa": "پیشنهاد آزمایشی"}
OFFER |= {"tr": "Test teklifi", "ru": "Тестовое предложение", "uk": "Тестова пропозиція"}

# The lists: taxonomy -> (slug, German name, English name).
TERMS = {
    "category": [
        ("beratung", "Beratung", "Counselling"),
        ("bildung", "Bildung", "Education"),
        ("betreuung", "Betreuung", "Care"),
        ("sprachkurs", "Sprachkurs", "Language course"),
        ("jugend", "Jugend", "Youth"),
        ("freizeit", "Freizeit", "Leisure"),
        ("gesundheit", "Gesundheit", "Health"),
        ("arbeit", "Arbeit", "Work"),
    ],
    "topic": [
        ("aufenthaltsrecht", "Aufenthaltsrecht", "Residence law"),
        ("asylverfahren", "Asylverfahren", "Asylum procedure"),
        ("arbeit-anerkennung", "Arbeit und Anerkennung", "Work and recognition"),
        ("sprache", "Sprache", "Language"),
        ("gesundheit", "Gesundheit", "Health"),
        ("familie", "Familie", "Family"),
        ("wohnen", "Wohnen", "Housing"),
        ("schule", "Schule", "School"),
        ("ausbildung", "Ausbildung", "Vocational training"),
        ("studium", "Studium", "Studies"),
        ("schulden", "Schulden", "Debt"),
        ("gewaltschutz", "Gewaltschutz", "Protection from violence"),
        ("freizeit-sport", "Freizeit und Sport", "Leisure and sports"),
        ("ehrenamt", "Ehrenamt", "Volunteering"),
        ("behoerden", "Behörden", "Authorities"),
    ],
    "target-group": [
        ("gefluechtete", "Geflüchtete", "Refugees"),
        ("spaetaussiedler", "Spätaussiedler", "Late repatriates"),
        ("frauen", "Frauen", "Women"),
        ("kinder-jugendliche", "Kinder und Jugendliche", "Children and young people"),
        ("eu-buerger", "EU-Bürger", "EU citizens"),
        ("familien", "Familien", "Families"),
        ("senioren", "Senioren", "Older people"),
        ("alle", "Alle", "Everyone"),
    ],
}
LANGUAGES = [
    ("de", "Deutsch", "German", "Deutsch"),
    ("en", "Englisch", "English", "English"),
    ("ar", "Arabisch", "Arabic", "العربية"),
    ("fa", "Persisch", "Persian", "فارسی"),
    ("tr", "Türkisch", "Turkish", "Türkçe"),
    ("ru", "Russisch", "Russian", "Русский"),
    ("uk", "Ukrainisch", "Ukrainian", "Українська"),
    ("fr", "Französisch", "French", "Français"),
    ("ku", "Kurdisch", "Kurdish", "Kurdî"),
    ("ti", "Tigrinya", "Tigrinya", "ትግርኛ"),
    ("ps", "Paschtu", "Pashto", "پښتو"),
    ("es", "Spanisch", "Spanish", "Español"),
]


def text(rng: random.Random, language: str, length: int, fillers: bool = True) -> str:
    """Words of the language's list, each equally likely, with short words between them."""
    words = WORDS[language]
    chosen = []
    for _word in range(length):
        if fillers and rng.random() < 0.4:
            chosen.append(rng.choice(FILLERS[language]))
        else:
            chosen.append(rng.choice(words))
    return " ".join(chosen)
