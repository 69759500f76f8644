"""Forms of opgaven, one module per area."""

from opgaven.forms.opgaven import (
    FaseWijzigenForm,
    OpgaveBewerkenForm,
    OpgaveFilterForm,
    OpgaveForm,
)
