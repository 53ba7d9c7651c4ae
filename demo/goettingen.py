"""The Netzwerk Migration Region Göttingen, as its own web page describes it.

Everything here comes from `source/netzwerk-migration-goettingen.txt`, the
network's page; English and Arabic texts are translations of it (the Impressum
and the privacy page are in German and English only). Nothing is added: no
address, phone number or person that the page does not give. Kinds of
organisation are read from the names alone; where a name does not show the
kind, none is set.
"""

NETWORK = {
    "name": "Netzwerk Migration Region Göttingen",
    "short_name": "Netzwerk Migration",
    "description": {
        "de": (
            "Das Netzwerk Migration Region Göttingen zur Förderung der Integration von "
            "Zuwanderinnen und Zuwanderern, AussiedlerInnen, Flüchtlingen und AusländerInnen "
            "ist ein Zusammenschluss von über 50 Organisationen aus Stadt und Landkreis Göttingen."
        ),
        "en": (
            "The Netzwerk Migration Region Göttingen (Migration Network of the Göttingen Region) "
            "promotes the integration of immigrants, ethnic German resettlers, refugees and "
            "foreign nationals. It is an alliance of more than 50 organisations from the city "
            "and the district of Göttingen."
        ),
        "ar": (
            "شبكة الهجرة في منطقة غوتينغن (Netzwerk Migration Region Göttingen) لتعزيز اندماج "
            "المهاجرات والمهاجرين والعائدين من أصل ألماني واللاجئين والأجانب هي تحالف يضم أكثر "
            "من 50 منظمة من مدينة غوتينغن ودائرتها."
        ),
    },
    "meetings_note": {
        "de": (
            "Wir bitten Euch/Sie, die Termine vorzumerken. "
            "Eine Einladung mit Tagesordnung erhalten Sie/Ihr vor der Sitzung."
        ),
        "en": ("Please note the dates. You will receive an invitation with the agenda before each meeting."),
        "ar": "نرجو منكم تدوين المواعيد. ستصلكم قبل الاجتماع دعوة مع جدول الأعمال.",
    },
    "proposals_note": {
        "de": "Anregungen und Vorschläge für zu behandelnde Themen oder zu den Tagesordnungen sind erwünscht.",
        "en": "Suggestions for topics to discuss and for the agendas are welcome.",
        "ar": "نرحّب بالمقترحات والأفكار حول المواضيع التي ينبغي مناقشتها أو حول جداول الأعمال.",
    },
}

# "Das Handbuch des Netzwerkes Migration Göttingen in 2. Auflage vom September 2006
# stellt verschiedene Einrichtungen des Netzwerkes vor."
HANDBOOK_EDITIONS = [{"number": 2, "year": 2006, "month": 9}]

PLACE = {"name": "Neues Rathaus", "room": "Raum Thorn (126)"}

MEETING_HOURS = ("14:00", "16:30")

PLENARY_MEETINGS = [
    {
        "date": "2018-04-09",
        "topic": {
            "de": "Zusammenarbeit von zivilgesellschaftlichen Einrichtungen mit Verwaltungen",
            "en": "Cooperation between civil-society organisations and public administrations",
            "ar": "التعاون بين مؤسسات المجتمع المدني والإدارات العامة",
        },
    },
    {
        "date": "2018-06-11",
        "topic": {
            "de": "Zur rechtlichen Situation von Flüchtlingen",
            "en": "On the legal situation of refugees",
            "ar": "حول الوضع القانوني للاجئين",
        },
    },
    {
        "date": "2018-09-10",
        "topic": {
            "de": (
                "Die Flüchtling – der Flüchtling als Frau, ein gendersensibler Blick auf "
                "Flüchtlingsschutz und -integration"
            ),
            "en": ("The refugee as a woman: a gender-sensitive look at refugee protection and integration"),
            "ar": "اللاجئة – اللاجئ امرأةً: نظرة مراعية للنوع الاجتماعي إلى حماية اللاجئين واندماجهم",
        },
    },
]

PRINCIPLES = [
    {
        "de": (
            "Das Bekenntnis für ein friedvolles gesellschaftliches Zusammenleben setzt den Willen "
            "und die Absicht voraus – vorurteilsfrei, gewaltfrei und ohne rassistische Vorbehalte – "
            "die Integration von ZuwanderInnen in unserer Gesellschaft, die längst die Merkmale "
            "eines Einwandererlandes trägt, zu fördern."
        ),
        "en": (
            "A commitment to living together peacefully in society requires the will and the "
            "intention – free of prejudice, free of violence and without racist reservations – to "
            "promote the integration of immigrants into our society, which has long had the "
            "features of a country of immigration."
        ),
        "ar": (
            "إن الالتزام بعيش مشترك سلمي في المجتمع يفترض الإرادة والنية – دون أحكام مسبقة ودون "
            "عنف ودون تحفظات عنصرية – لتعزيز اندماج المهاجرين والمهاجرات في مجتمعنا، الذي يحمل "
            "منذ زمن طويل سمات بلد هجرة."
        ),
    },
    {
        "de": (
            "Integration bedeutet eine gleichberechtigte Teilhabe von Menschen verschiedener "
            "Herkunft und Kulturen am beruflichen, sozialen und kulturellen Leben unseres Landes "
            "bzw. unserer Region. Dieses Ziel bedarf der aktiven Mitwirkung von allen Beteiligten."
        ),
        "en": (
            "Integration means that people of different origins and cultures take part on equal "
            "terms in the working, social and cultural life of our country and our region. This "
            "goal needs the active participation of everyone involved."
        ),
        "ar": (
            "الاندماج يعني مشاركة الناس من أصول وثقافات مختلفة على قدم المساواة في الحياة المهنية "
            "والاجتماعية والثقافية في بلدنا أو منطقتنا. ويتطلب هذا الهدف مشاركة فعّالة من جميع "
            "المعنيين."
        ),
    },
    {
        "de": (
            "Für die Bewältigung dieser Aufgaben sind Maßnahmen auf Bundes-, aber auch auf "
            "Landes- und kommunaler Ebene notwendig. Das Netzwerk Migration führt in der Region "
            "Göttingen Gruppen, Institutionen und Einzelpersonen zusammen, um somit längst fällige "
            "Lösungsansätze für die Stadt und den Landkreis zu initiieren, zu koordinieren und "
            "durchzuführen."
        ),
        "en": (
            "Meeting these tasks needs action at the federal level, and also at the level of the "
            "state and the municipalities. In the Göttingen region, the Netzwerk Migration brings "
            "groups, institutions and individuals together to initiate, coordinate and carry out "
            "long overdue solutions for the city and the district."
        ),
        "ar": (
            "لإنجاز هذه المهام لا بد من إجراءات على المستوى الاتحادي، وكذلك على مستوى الولاية "
            "والبلديات. وتجمع شبكة الهجرة في منطقة غوتينغن مجموعات ومؤسسات وأفرادًا، من أجل إطلاق "
            "حلول تأخرت طويلًا للمدينة والدائرة وتنسيقها وتنفيذها."
        ),
    },
]

GOALS = [
    {
        "de": "Förderung der Akzeptanz der einheimischen Bevölkerung gegenüber Migrantinnen und Migranten",
        "en": "Promoting acceptance of migrants among the local population",
        "ar": "تعزيز تقبّل السكان المحليين للمهاجرات والمهاجرين",
    },
    {
        "de": "Bündelung der Ressourcen in der Region durch vernetztes Arbeiten",
        "en": "Pooling the region's resources by working together as a network",
        "ar": "تجميع موارد المنطقة من خلال العمل الشبكي",
    },
    {
        "de": "Effektiver Einsatz finanzieller Mittel",
        "en": "Using financial resources effectively",
        "ar": "الاستخدام الفعّال للموارد المالية",
    },
    {
        "de": (
            "Beratungs-, Bildungs- und Betreuungsangebote verschiedener Einrichtungen transparent "
            "machen und aufeinander abstimmen"
        ),
        "en": (
            "Making the counselling, education and care offers of the different organisations "
            "visible and coordinating them with each other"
        ),
        "ar": "جعل خدمات الاستشارة والتعليم والرعاية التي تقدمها المؤسسات المختلفة شفافة وتنسيقها فيما بينها",
    },
    {
        "de": "Projekte zielorientierter und bedarfsgerechter anbieten",
        "en": "Offering projects that are better targeted and better suited to needs",
        "ar": "تقديم مشاريع أكثر توجهًا نحو الأهداف وأكثر ملاءمة للاحتياجات",
    },
    {
        "de": "Selbsthilfepotenziale von Migrantinnen und Migranten stärken",
        "en": "Strengthening migrants' capacity for self-help",
        "ar": "تقوية قدرات المهاجرات والمهاجرين على مساعدة أنفسهم",
    },
    {
        "de": "Interkulturelle Öffnung der Regelangebote für alle Migrantinnen und Migranten",
        "en": "Intercultural opening of mainstream services to all migrants",
        "ar": "الانفتاح بين الثقافات للخدمات العامة أمام جميع المهاجرات والمهاجرين",
    },
    {
        "de": "Informationsaustausch und Zusammenarbeit mit weiteren Institutionen – auch überregional – fördern",
        "en": "Promoting the exchange of information and cooperation with other institutions, beyond the region too",
        "ar": "تعزيز تبادل المعلومات والتعاون مع مؤسسات أخرى – وكذلك خارج المنطقة",
    },
    {"de": "Öffentlichkeitsarbeit", "en": "Public relations", "ar": "العلاقات العامة"},
    {
        "de": "Schwerpunkte bei der Förderung von Kindern und Jugendlichen",
        "en": "A focus on supporting children and young people",
        "ar": "التركيز على دعم الأطفال والشباب",
    },
]

KINDS = [
    {
        "slug": "beratung",
        "de": "Beratung und soziale Dienste",
        "en": "Counselling and social services",
        "ar": "الاستشارة والخدمات الاجتماعية",
    },
    {"slug": "bildung", "de": "Bildung und Schule", "en": "Education and schools", "ar": "التعليم والمدارس"},
    {"slug": "jugend", "de": "Kinder und Jugend", "en": "Children and young people", "ar": "الأطفال والشباب"},
    {
        "slug": "vereine",
        "de": "Vereine und Initiativen",
        "en": "Associations and initiatives",
        "ar": "الجمعيات والمبادرات",
    },
    {
        "slug": "religion",
        "de": "Religionsgemeinschaften",
        "en": "Religious communities",
        "ar": "المجتمعات الدينية",
    },
    {
        "slug": "verwaltung",
        "de": "Verwaltung und Behörden",
        "en": "Public administration",
        "ar": "الإدارة والجهات الرسمية",
    },
    {"slug": "politik", "de": "Politik", "en": "Politics", "ar": "السياسة"},
    {"slug": "medien", "de": "Medien", "en": "Media", "ar": "الإعلام"},
]

# Umbrella organisations that are not members themselves, but whose units are.
UMBRELLAS = [
    {"name": "Internationaler Bund", "website": "http://www.internationaler-bund.de"},
    {"name": "Stadt Göttingen", "kind": "verwaltung"},
]

# The member list, in the page's order: (name, kind, parent).
MEMBERS = [
    ("Anatolisches Kulturzentrum Göttingen e. V.", "vereine", None),
    ("AWO, Kreisverband Göttingen", "beratung", None),
    ("AWO/Migrationserstberatung (MEB)", "beratung", "AWO, Kreisverband Göttingen"),
    ("Beratungsstelle der Inneren Mission im GDL Friedland", "beratung", None),
    ("Beschäftigungsförderung Göttingen (kAöR)", "verwaltung", None),
    ("Bethlehem Gemeinde Göttingen", "religion", None),
    (
        "Bildungsgenossenschaft Südniedersachsen e. G./Lernende Region – Bildung 21 in Südniedersachsen",
        "bildung",
        None,
    ),
    ("Bundesamt für Migration und Flüchtlinge (BAMF), Regionalkoordinator Integration", "verwaltung", None),
    ("BV Arbeit und Leben gGmbH", "bildung", None),
    ("Caritas im GDL Friedland", "beratung", None),
    ("Caritas im GDL Friedland/Jugendclub Kakadu", "jugend", "Caritas im GDL Friedland"),
    ("Caritas Migrationsdienst/Caritas Zentrum", "beratung", None),
    ("Deutsche Angestellen Akademie", "bildung", None),
    ("Diakonisches Werk – Kirchenkreissozialarbeit", "beratung", None),
    ("DRK-Beratungsstelle im GDL", "beratung", None),
    ("Drogenberatungszentrum", "beratung", None),
    ("Geschwister Scholl Gesamtschule", "bildung", None),
    ("Griechische Gemeinde Göttingen", "vereine", None),
    ("Heinrich Heine Schule", "bildung", None),
    ("Institut für angewandte Kulturforschung e. V.", "vereine", None),
    ("Integrationsrat Göttingen", "politik", None),
    ("Internationale Gärten e. V.", "vereine", None),
    ("Internationaler Bund/Jugendmigrationsdienst", "jugend", "Internationaler Bund"),
    ("Iran-Solidaritätsverein", "vereine", None),
    ("Jona-Kirchengemeinde", "religion", None),
    ("Jüdische Gemeinde Göttingen e. V.", "religion", None),
    ("Jugendhaus Holtenser Berg", "jugend", None),
    ("Jugendhilfe Göttingen e. V.", "jugend", None),
    ("Kinder- und Jugendtelefon Göttingen e. V.", "jugend", None),
    ("Kore e. V.", "vereine", None),
    ("Kreisvolkshochschule Göttingen", "bildung", None),
    ("Landkreis Göttingen/Integrationsbeauftragter", "verwaltung", None),
    ("Migrationszentrum für Stadt und Landkreis Göttingen", "beratung", None),
    ("Nachbarschaftszentrum Grone", None, None),
    ("Otto-Benecke-Stiftung e. V.", None, None),
    ("Outlaw Kassel gemeinnützige GmbH", None, None),
    ("Stadt Göttingen (FB Jugend und Soziales)", "verwaltung", "Stadt Göttingen"),
    ("Stadt Göttingen, Büro für Integration", "verwaltung", "Stadt Göttingen"),
    ("SPD-Ratsfraktion der Stadt Göttingen", "politik", None),
    ("FDP-Ratsfraktion der Stadt Göttingen", "politik", None),
    ("CDU-Ratsfraktion der Stadt Göttingen", "politik", None),
    ("Bündnis 90/Die Grünen-Ratsfraktion", "politik", None),
    ("GöLinke-Ratsfraktion", "politik", None),
    ("Stadtradio Göttingen", "medien", None),
    ("SV Inter Roj e. V.", "vereine", None),
    ("Volkshochschule Göttingen e. V.", "bildung", None),
    ("Verein für Interkulturelle Nachbarschaft in Grone e. V. (VIN)", "vereine", None),
    ("Weststadtbüro", None, None),
    ("Zukunftswerkstatt e. V.", "vereine", None),
]

# Web sites the page gives, by organisation.
WEBSITES = {
    "Integrationsrat Göttingen": "http://www.integrationsrat.de",
    "Bildungsgenossenschaft Südniedersachsen e. G./Lernende Region – Bildung 21 in Südniedersachsen": (
        "http://www.bildung21.net"
    ),
    "Institut für angewandte Kulturforschung e. V.": "http://www.ifak-goettingen.de",
}

# The cooperative leadership (Kooperative Leitung), in the page's order.
LEADERSHIP = [
    ("Birgit Sacher", "Integrationsrat Göttingen"),
    (
        "Natalie Hefele",
        "Bildungsgenossenschaft Südniedersachsen e. G./Lernende Region – Bildung 21 in Südniedersachsen",
    ),
    ("Mario Lehmann", "Internationaler Bund"),
    ("Bernadette Tusch", "Institut für angewandte Kulturforschung e. V."),
]

# The minutes archive (Protokolle): year, title as listed, date where the title gives one.
MINUTES = [
    (2014, "Protokoll Netzwerk Migration vom 31.01.14 mit TN", "2014-01-31"),
    (2013, "Protokoll Netzwerk Migration vom 16.09.2013", "2013-09-16"),
    (2013, "Protokoll Netzwerk Migration 04.06.13", "2013-06-04"),
    (2013, "Netzwerk Migration Protokoll 3 2013", None),
    (2012, "Protokoll Netzwerk Migration 12.03.2012", "2012-03-12"),
    (2012, "Protokoll Netzwerk Migration vom 12.03.2012", "2012-03-12"),
    (2012, "Netzwerk Migrationhandlungsempfang vom 04.06.12", "2012-06-04"),
    (2011, "Netzwerk Migration vom 21.02.11", "2011-02-21"),
]

# Editable pages. The Impressum names only what the page gives; the postal
# address is for the network to add.
PAGES = [
    {
        "slug": "impressum",
        "in_footer": True,
        "title": {"de": "Impressum", "en": "Legal notice"},
        "body": {
            "de": (
                "## Anbieter\n\n"
                "Netzwerk Migration Region Göttingen, vertreten durch die Kooperative Leitung:\n\n"
                "- Birgit Sacher, Integrationsrat Göttingen\n"
                "- Natalie Hefele, Bildungsgenossenschaft Südniedersachsen e. G. / Lernende Region\n"
                "- Mario Lehmann, Internationaler Bund\n"
                "- Bernadette Tusch, Institut für angewandte Kulturforschung\n\n"
                "## Anschrift und Kontakt\n\n"
                "Die ladungsfähige Anschrift und eine Kontaktmöglichkeit trägt die Kooperative "
                "Leitung hier ein, bevor das Portal öffentlich erreichbar ist."
            ),
            "en": (
                "## Provider\n\n"
                "Netzwerk Migration Region Göttingen, represented by its cooperative leadership:\n\n"
                "- Birgit Sacher, Integrationsrat Göttingen\n"
                "- Natalie Hefele, Bildungsgenossenschaft Südniedersachsen e. G. / Lernende Region\n"
                "- Mario Lehmann, Internationaler Bund\n"
                "- Bernadette Tusch, Institut für angewandte Kulturforschung\n\n"
                "## Address and contact\n\n"
                "The cooperative leadership adds the postal address and a way to get in touch "
                "here before the portal goes public."
            ),
        },
    },
    {
        "slug": "datenschutz",
        "in_footer": True,
        "title": {"de": "Datenschutz", "en": "Privacy"},
        "body": {
            "de": (
                "## Was dieses Portal speichert\n\n"
                "- **Öffentliche Seiten** lesen Sie ohne Anmeldung. Das Portal setzt dabei "
                "keine Cookies und bindet keine Dienste Dritter ein: keine Schriften, keine "
                "Statistik, keine Werbung. Die Sprache steht in der Adresse der Seite.\n"
                "- **Angaben über Mitgliedsorganisationen** (Name, Art, Web-Adresse, "
                "Beschreibung) veröffentlicht das Netzwerk, um seine Mitglieder vorzustellen.\n"
                "- **Namen der Kooperativen Leitung** stehen mit ihrer Organisation auf der "
                "Seite „Leitung“, weil sie das Netzwerk nach außen vertreten.\n"
                "- **Ansprechpersonen** der Mitgliedsorganisationen (Name, Funktion, E-Mail, "
                "Telefon) speichert das Portal, damit das Netzwerk sie zu Sitzungen einladen "
                "kann. Öffentlich erscheinen sie nur mit ihrem Einverständnis, sonst sehen sie "
                "nur Mitglieder.\n"
                "- **Konten**: E-Mail-Adresse, Name, das Passwort nur als Argon2-Prüfwert, der "
                "Zeitpunkt der letzten Anmeldung und, wenn eingeschaltet, der Schlüssel für die "
                "Zwei-Faktor-Anmeldung. Wer sich anmeldet, erhält ein Sitzungs-Cookie und ein "
                "Cookie zum Schutz vor gefälschten Formularen (CSRF); beide sind technisch "
                "notwendig und enden mit der Abmeldung, nach zwei Stunden ohne Aktivität oder "
                "spätestens nach zwölf Stunden.\n"
                "- **Fehlgeschlagene Anmeldungen** (E-Mail-Adresse und IP-Adresse) speichert "
                "das Portal einen Tag lang, um das Erraten von Passwörtern zu bremsen.\n"
                "- **Änderungsprotokoll**: Jede Änderung im Mitgliederbereich wird mit Person, "
                "Zeitpunkt sowie altem und neuem Wert festgehalten, damit nachvollziehbar "
                "bleibt, wer was geändert hat.\n"
                "- **Ihre Rechte**: Unter „Mein Konto“ laden Sie alle über Sie gespeicherten "
                "Daten herunter, ändern Ihr Einverständnis und beantragen die Löschung. Die "
                "Koordination anonymisiert dann Ihre Angaben; Protokolle und Teilnahmelisten "
                "zeigen danach eine anonymisierte Person. Teilnahmelisten werden nach drei "
                "Jahren gelöscht.\n"
                "- **Barriere melden**: Eine Meldung speichert das Portal mit Ihren Angaben "
                "(Name und E-Mail-Adresse sind freiwillig) und schickt sie per E-Mail an die "
                "Kooperative Leitung. Das Formular setzt ein Cookie zum Schutz vor gefälschten "
                "Formularen (CSRF). Gegen Missbrauch speichert das Portal mit der Meldung "
                "einen aus Ihrer IP-Adresse berechneten Prüfwert, um zu zählen, wie oft in einer "
                "Stunde gemeldet wurde; die Adresse selbst speichert es nicht.\n\n"
                "## Verantwortlich\n\n"
                "Verantwortlich ist das Netzwerk, vertreten durch die Kooperative Leitung "
                "(siehe Impressum). Sie haben das Recht auf Auskunft, Berichtigung, Löschung "
                "und Beschwerde bei der zuständigen Aufsichtsbehörde."
            ),
            "en": (
                "## What this portal stores\n\n"
                "- **Public pages** can be read without logging in. The portal sets no cookies "
                "for them and loads nothing from third parties: no fonts, no statistics, no "
                "advertising. The language is part of the page's address.\n"
                "- **Information about member organisations** (name, kind, web site, "
                "description) is published by the network to present its members.\n"
                "- **The names of the cooperative leadership** are shown with their "
                "organisations on the leadership page, because they represent the network.\n"
                "- **Contact people** of the member organisations (name, function, e-mail, "
                "phone) are stored so that the network can invite them to its meetings. They "
                "appear on public pages only with their consent; otherwise only members see "
                "them.\n"
                "- **Accounts**: e-mail address, name, the password only as an Argon2 hash, the "
                "time of the last login and, if switched on, the key for two-factor login. "
                "Logging in sets a session cookie and a cookie that protects against forged "
                "forms (CSRF); both are technically necessary and end when you log out, after "
                "two hours without activity, or after twelve hours at the latest.\n"
                "- **Failed logins** (e-mail address and IP address) are kept for one day, to "
                "slow down the guessing of passwords.\n"
                "- **Audit log**: every change in the members' area is recorded with the person, "
                "the time and the old and new values, so that it stays clear who changed what.\n"
                '- **Your rights**: under "My account" you download all data held about you, '
                "change your consent and ask for deletion. The coordinators then anonymise your "
                "details; minutes and attendance lists show an anonymised person from then on. "
                "Attendance lists are deleted after three years.\n"
                "- **Reporting a barrier** stores your report with what you enter (name and "
                "e-mail address are optional) and sends it by e-mail to the cooperative "
                "leadership. The form sets a cookie that protects against forged forms (CSRF). "
                "Against abuse, the portal stores with the report a value "
                "computed from your IP address, to count how often reports were sent within an "
                "hour; it does not store the address itself.\n\n"
                "## Responsible\n\n"
                "The network, represented by its cooperative leadership (see the legal notice), "
                "is responsible. You have the right to information, correction, deletion, and "
                "to complain to the responsible supervisory authority."
            ),
        },
    },
]
