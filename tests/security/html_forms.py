"""The POST forms of a page, read as a browser reads them, to fill in and send from tests."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

# Input types whose value a person types (the rest are choices, files and buttons).
BUTTONS = {"submit", "button", "reset", "image"}


@dataclass
class Field:
    name: str
    kind: str  # an input type ("text", "checkbox", "file", ...), "select" or "textarea"
    value: str = ""  # the value attribute (a checkbox's or radio's value when ticked)
    checked: bool = False
    options: list[str] = field(default_factory=list)  # a select's option values
    selected: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    action: str
    fields: list[Field]

    @property
    def names(self) -> set[str]:
        return {f.name for f in self.fields}

    def data(self) -> dict[str, list[str]]:
        """What a browser sends when the form is submitted unchanged (without a file, without a button)."""
        data: dict[str, list[str]] = {}
        for f in self.fields:
            if f.kind in BUTTONS or f.kind == "file":
                continue
            if f.kind in ("checkbox", "radio"):
                if f.checked:
                    data.setdefault(f.name, []).append(f.value or "on")
            elif f.kind == "select":
                chosen = f.selected or ([] if f.multiple else f.options[:1])
                data.setdefault(f.name, []).extend(chosen)
            else:
                data.setdefault(f.name, []).append(f.value)
        return data


class _FormParser(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Field | None = None
        self.textarea: Field | None = None
        self.option: str | None = None  # the text of an option without a value attribute

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self.form = Form(action=urljoin(self.page_url, a.get("action") or self.page_url), fields=[])
                self.forms.append(self.form)
            return
        if self.form is None or ("disabled" in a and tag != "option"):
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            self.form.fields.append(Field(a["name"], kind, a.get("value", ""), checked="checked" in a))
        elif tag == "button" and a.get("name"):
            self.form.fields.append(Field(a["name"], "submit", a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self.textarea = Field(a["name"], "textarea")
            self.form.fields.append(self.textarea)
        elif tag == "select" and a.get("name"):
            self.select = Field(a["name"], "select", multiple="multiple" in a)
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            if "value" in a:
                self._add_option(a["value"], "selected" in a)
            else:
                self.option = ""
                self._option_selected = "selected" in a

    def _add_option(self, value: str, selected: bool) -> None:
        assert self.select is not None
        self.select.options.append(value)
        if selected:
            self.select.selected.append(value)

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.value += data
        elif self.option is not None:
            self.option += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the newline right after <textarea>.
            self.textarea.value = self.textarea.value.removeprefix("\n")
            self.textarea = None
        elif tag == "option" and self.option is not None:
            self._add_option(self.option.strip(), self._option_selected)
            self.option = None
        elif tag == "select":
            self.select = None


def post_forms(html: str, page_url: str) -> list[Form]:
    """The forms with method="post" in a page, with their actions made absolute paths."""
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms
