"""The base of forms that share a page with other forms."""
from __future__ import annotations

from flask_wtf import FlaskForm


class PrefixedForm(FlaskForm):
    """A form whose fields carry a prefix ("join-role") so that several forms can share a page.

    The CSRF token keeps its plain name: security scanners and proxies recognise `csrf_token`, not
    `join-csrf_token`; each <form> posts only its own token, so sharing the name is safe. The
    element id keeps the prefix, so that ids stay unique on the page.
    """

    class Meta:
        def bind_field(self, form, unbound_field, options):
            prefix = options.get("prefix")
            if prefix and options.get("name") == self.csrf_field_name:
                options = dict(options, prefix="", id=prefix + self.csrf_field_name)
            return super().bind_field(form, unbound_field, options)
