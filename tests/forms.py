"""Submit what the page renders: parse a page's form, change it as a person would, post it.

A test that builds its own dict can post a field the page never shows (and so pass while
the real page cannot be submitted). These helpers read the rendered HTML instead:

    form = open_form(client, "/register/japan?lang=ja")      # GET the page, take its form
    form["family_name"] = "並木"                             # text, email, date, textarea…
    form["dietary"] = "halal"                                # a select: only an offered option
    form["item_codes"] = ["plenary", "site-visit"]           # checkbox group: exactly these
    form.check("consent")                                    # one checkbox
    response = form.submit(client)                           # posts exactly what is on the page

Setting a field the page does not render, an option it does not offer, a hidden, read-only
or disabled field, or more characters than ``maxlength`` raises ``FormError``. The hidden
fields (the CSRF token among them) are sent as rendered. ``submit`` sends the clicked
button's name and value, like a browser; without ``novalidate`` it refuses to send a form
whose ``required`` fields are empty, as the browser would. Hand-built posts stay for
hostile-input tests only.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from werkzeug.datastructures import MultiDict

TEXT_TYPES = {
    "text", "email", "tel", "url", "search", "password", "number", "date", "time",
    "datetime-local", "month", "week", "color", "range",
}
BUTTON_TYPES = {"submit", "image"}
IGNORED_TYPES = {"button", "reset"}


class FormError(AssertionError):
    """The test asked for something a person could not do on this page."""


@dataclass
class Option:
    value: str
    label: str
    selected: bool
    disabled: bool


@dataclass
class Control:
    """One rendered control: an input, a select, a textarea or a button."""

    tag: str
    type: str
    name: str
    attrs: dict
    value: str = ""
    checked: bool = False
    options: list[Option] = field(default_factory=list)

    @property
    def disabled(self) -> bool:
        return "disabled" in self.attrs

    @property
    def readonly(self) -> bool:
        return "readonly" in self.attrs

    @property
    def multiple(self) -> bool:
        return "multiple" in self.attrs

    @property
    def is_button(self) -> bool:
        return self.type in BUTTON_TYPES

    @property
    def is_choice(self) -> bool:
        return self.type in {"checkbox", "radio"}

    def submitted(self) -> list[str]:
        """What a browser sends for this control (buttons aside)."""
        if self.disabled or not self.name or self.is_button or self.type in IGNORED_TYPES:
            return []
        if self.is_choice:
            return [self.value] if self.checked else []
        if self.tag == "select":
            chosen = [o.value for o in self.options if o.selected and not o.disabled]
            if not chosen and not self.multiple:
                enabled = [o.value for o in self.options if not o.disabled]
                chosen = enabled[:1]
            return chosen if self.multiple else chosen[-1:]
        if self.type == "file":
            return []
        return [self.value]


@dataclass
class Form:
    """A rendered form; change it with ``form[name] = value`` or ``check``, then ``submit``."""

    action: str
    method: str
    enctype: str
    attrs: dict
    page_url: str
    controls: list[Control] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)

    # -- reading --------------------------------------------------------------
    @property
    def url(self) -> str:
        return urljoin(self.page_url, self.action) if self.action else self.page_url

    @property
    def names(self) -> list[str]:
        seen: list[str] = []
        for control in self.controls:
            if control.name and not control.is_button and control.name not in seen:
                seen.append(control.name)
        return seen

    @property
    def buttons(self) -> list[Control]:
        return [c for c in self.controls if c.is_button]

    def _named(self, name: str) -> list[Control]:
        found = [c for c in self.controls if c.name == name and not c.is_button]
        if not found:
            raise FormError(f"the page renders no field {name!r}; it has {self.names}")
        return found

    def getlist(self, name: str) -> list[str]:
        return [value for c in self._named(name) for value in c.submitted()]

    def __getitem__(self, name: str) -> str | None:
        values = self.getlist(name)
        return values[0] if values else None

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def options(self, name: str) -> list[str]:
        """The values a person can pick for a select, radio group or checkbox group."""
        controls = self._named(name)
        if controls[0].tag == "select":
            return [o.value for o in controls[0].options if not o.disabled]
        return [c.value for c in controls if c.is_choice and not c.disabled]

    def option_label(self, name: str, value: str) -> str:
        """What the page says next to one choice: a checkbox or radio's label, an option's text."""
        for control in self._named(name):
            if control.tag == "select":
                return next((o.label for o in control.options if o.value == value), "")
            if control.value == value:
                return self.labels.get(control.attrs.get("id", ""), "")
        raise FormError(f"{name!r} offers no {value!r}")

    def label(self, name: str) -> str:
        """The text of the ``<label>`` that names the field (by ``for`` or by nesting)."""
        control = self._named(name)[0]
        key = control.attrs.get("id") or f"name:{name}"
        return self.labels.get(key, self.labels.get(f"name:{name}", ""))

    # -- changing, as a person would -----------------------------------------
    def _editable(self, name: str) -> list[Control]:
        controls = self._named(name)
        if any(control.type == "hidden" for control in controls):
            raise FormError(f"{name!r} is a hidden field: a person cannot change it")
        if all(control.disabled or control.readonly for control in controls):
            raise FormError(f"{name!r} is disabled or read-only on the page")
        return controls

    def __setitem__(self, name: str, value) -> None:
        controls = self._editable(name)
        first = controls[0]
        if first.tag == "select":
            self._select(first, value)
        elif first.is_choice:
            if isinstance(value, bool):
                wanted = [c.value for c in controls] if value else []
            else:
                wanted = [value] if isinstance(value, str) else list(value)
            self._choose(name, controls, wanted)
        elif first.type == "file":
            raise FormError(f"{name!r} is a file field: use form.attach()")
        else:
            if len(controls) > 1:
                raise FormError(f"{name!r} is rendered {len(controls)} times")
            self._type(first, str(value))

    def _type(self, control: Control, text: str) -> None:
        limit = control.attrs.get("maxlength")
        if limit is not None and limit.isdigit() and len(text) > int(limit):
            raise FormError(
                f"{control.name!r} takes at most {limit} characters in the browser"
            )
        if control.tag == "textarea" or control.type in TEXT_TYPES:
            control.value = text
        else:
            raise FormError(f"cannot type into a {control.type!r} control ({control.name!r})")

    def _select(self, control: Control, value) -> None:
        wanted = [value] if isinstance(value, str) else list(value)
        offered = [o.value for o in control.options if not o.disabled]
        unknown = [v for v in wanted if v not in offered]
        if unknown:
            raise FormError(f"{control.name!r} offers {offered}, not {unknown}")
        if len(wanted) != 1 and not control.multiple:
            raise FormError(f"{control.name!r} takes exactly one option")
        for option in control.options:
            option.selected = option.value in wanted

    def _choose(self, name: str, controls: list[Control], wanted: list[str]) -> None:
        offered = [c.value for c in controls if not c.disabled]
        unknown = [v for v in wanted if v not in offered]
        if unknown:
            raise FormError(f"{name!r} offers {offered}, not {unknown}")
        if controls[0].type == "radio" and len(wanted) != 1:
            raise FormError(f"{name!r} is a radio group: choose exactly one")
        for control in controls:
            if not control.disabled:  # a greyed-out box keeps its state
                control.checked = control.value in wanted

    def check(self, name: str, *values: str) -> None:
        """Tick a checkbox (or the listed values of a group), leaving the others as they are."""
        controls = self._editable(name)
        values = values or tuple(c.value for c in controls)
        self._choose(name, controls, sorted({*self.getlist(name), *values}))

    def uncheck(self, name: str, *values: str) -> None:
        controls = self._editable(name)
        if controls[0].type != "checkbox":
            raise FormError(f"{name!r} is not a checkbox: a radio cannot be unticked")
        values = values or tuple(c.value for c in controls)
        self._choose(name, controls, [v for v in self.getlist(name) if v not in values])

    def attach(self, name: str, content: bytes, filename: str) -> None:
        control = self._named(name)[0]
        if control.type != "file":
            raise FormError(f"{name!r} is not a file field")
        self.files[name] = (content, filename)

    # -- sending ----------------------------------------------------------------
    def _button(self, button: str | None) -> Control | None:
        buttons = [b for b in self.buttons if not b.disabled]
        if button is None:
            return buttons[0] if buttons else None
        for candidate in buttons:
            if button in {candidate.name, candidate.value, candidate.attrs.get("_text", "")}:
                return candidate
        shown = [(b.name, b.value, b.attrs.get("_text")) for b in buttons]
        raise FormError(f"no button {button!r} on the form; it has {shown}")

    def data(self, button: str | None = None) -> MultiDict:
        """The pairs a browser would send, in document order."""
        pairs: list[tuple[str, object]] = []
        clicked = self._button(button)
        for control in self.controls:
            if control is clicked and control.name:
                pairs.append((control.name, control.value))
            elif control.type == "file" and control.name and not control.disabled:
                content, filename = self.files.get(control.name, (b"", ""))
                pairs.append((control.name, (io.BytesIO(content), filename)))
            else:
                pairs.extend((control.name, value) for value in control.submitted())
        return MultiDict(pairs)

    def missing_required(self) -> list[str]:
        missing = []
        for name in self.names:
            controls = self._named(name)
            required = any("required" in c.attrs and not c.disabled for c in controls)
            filled = any(v.strip() for v in self.getlist(name)) or name in self.files
            if required and not filled:
                missing.append(name)
        return missing

    def submit(self, client, button: str | None = None, **kwargs):
        """Send the form with ``client`` (a Flask test client) as the browser would."""
        clicked = self._button(button)
        novalidate = "novalidate" in self.attrs or (
            clicked is not None and "formnovalidate" in clicked.attrs
        )
        if not novalidate and (missing := self.missing_required()):
            raise FormError(f"the browser would not send the form: {missing} are required")
        url = (clicked.attrs.get("formaction") if clicked else None) or self.url
        url = urljoin(self.page_url, url)
        method = ((clicked.attrs.get("formmethod") if clicked else None) or self.method).lower()
        if method == "get":
            return client.get(urlsplit(url)._replace(query="").geturl(),
                              query_string=self.data(button), **kwargs)
        return client.post(url, data=self.data(button), **kwargs)


class _Parser(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._text_target: Control | Option | None = None
        self._select: Control | None = None
        self._label: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = Form(
                action=attrs.get("action", ""),
                method=attrs.get("method", "get").lower() or "get",
                enctype=attrs.get("enctype", "application/x-www-form-urlencoded"),
                attrs=attrs,
                page_url=self.page_url,
            )
            self.forms.append(self._form)
        elif tag == "label":
            self._label = {"for": attrs.get("for"), "text": "", "names": []}
        if self._form is None:
            return
        if tag == "input":
            self._input(attrs)
        elif tag == "button":
            kind = attrs.get("type", "submit").lower()
            control = Control("button", kind, attrs.get("name", ""), attrs,
                              value=attrs.get("value", ""))
            control.attrs["_text"] = ""
            self._form.controls.append(control)
            self._text_target = control
        elif tag == "select":
            self._select = Control("select", "select", attrs.get("name", ""), attrs)
            self._form.controls.append(self._select)
            self._remember_label(self._select)
        elif tag == "option" and self._select is not None:
            option = Option(attrs.get("value"), "", "selected" in attrs, "disabled" in attrs)
            self._select.options.append(option)
            self._text_target = option
        elif tag == "textarea":
            control = Control("textarea", "textarea", attrs.get("name", ""), attrs)
            self._form.controls.append(control)
            self._remember_label(control)
            self._text_target = control

    def _input(self, attrs: dict) -> None:
        kind = attrs.get("type", "text").lower()
        value = attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")
        control = Control("input", kind, attrs.get("name", ""), attrs, value=value,
                          checked="checked" in attrs)
        self._form.controls.append(control)
        self._remember_label(control)

    def _remember_label(self, control: Control) -> None:
        if self._label is not None and control.name:
            self._label["names"].append(control.name)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in {"input"}:
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._label is not None:
            self._label["text"] += data
        target = self._text_target
        if isinstance(target, Option):
            target.label += data
        elif isinstance(target, Control) and target.tag == "textarea":
            target.value += data
        elif isinstance(target, Control) and target.tag == "button":
            target.attrs["_text"] += data

    def handle_endtag(self, tag):
        if tag == "label" and self._label is not None:
            self._store_label(self._label)
            self._label = None
        elif tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "option" and isinstance(self._text_target, Option):
            self._text_target = None
        elif tag in {"textarea", "button"}:
            if isinstance(self._text_target, Control):
                if tag == "textarea" and self._text_target.value.startswith("\n"):
                    self._text_target.value = self._text_target.value[1:]
                if tag == "button":
                    self._text_target.attrs["_text"] = self._text_target.attrs["_text"].strip()
            self._text_target = None

    def _store_label(self, label: dict) -> None:
        text = " ".join(label["text"].split())
        if self._form is None:
            return
        labels = self._form.labels
        if label["for"]:
            labels.setdefault(label["for"], text)
        for name in label["names"]:
            labels.setdefault(f"name:{name}", text)


def forms_in(html: str, page_url: str = "/") -> list[Form]:
    """Every form of the page, in document order."""
    parser = _Parser(page_url)
    parser.feed(html)
    parser.close()
    for form in parser.forms:  # an <option> without its end tag takes its text as value
        for control in form.controls:
            for option in control.options:
                option.label = option.label.strip()
                option.value = option.label if option.value is None else option.value
    return parser.forms


def _describe(form: Form) -> str:
    buttons = [b.attrs.get("_text") for b in form.buttons]
    return f"{form.method.upper()} {form.url} buttons={buttons}"


def form_in(html: str, page_url: str = "/", *, action: str | None = None,
            button: str | None = None, field: str | None = None,
            index: int | None = None) -> Form:
    """The one form of the page that matches: its action path ends with ``action``, it has
    a button whose name, value or text is ``button``, or it renders ``field``."""
    forms = forms_in(html, page_url)
    if index is not None:
        return forms[index]
    candidates = [
        form for form in forms
        if (action is None or urlsplit(form.url).path.endswith(action))
        and (button is None or any(
            button in {b.name, b.value, b.attrs.get("_text")} for b in form.buttons))
        and (field is None or field in form.names)
    ]
    if len(candidates) != 1:
        listed = "; ".join(_describe(f) for f in forms) or "none"
        raise FormError(f"{len(candidates)} forms match on {page_url}; the page has: {listed}")
    return candidates[0]


def page_url_of(response) -> str:
    request = response.request
    query = request.query_string.decode("latin-1") if request else ""
    path = request.path if request else "/"
    return f"{path}?{query}" if query else path


def open_form(client, url: str, **choose) -> Form:
    """GET ``url`` (following redirects) and return its form; see ``form_in`` for choosing."""
    response = client.get(url, follow_redirects=True)
    if response.status_code != 200:
        raise FormError(f"GET {url} answered {response.status_code}")
    return form_in(response.get_data(as_text=True), page_url_of(response), **choose)


def form_of(response, **choose) -> Form:
    """The form on a page already fetched (e.g. the answer to a submit that showed errors)."""
    return form_in(response.get_data(as_text=True), page_url_of(response), **choose)
