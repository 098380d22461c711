"""The signature block (blok tanda tangan) derived from the organisation on the signing date.

Tata naskah dinas (Permendagri 1/2023, Lampiran): place and date; the signer's title with Plt./Plh.
when held temporarily; "a.n." when signing on behalf of a superior, "u.b." when the official who
signs a.n. delegates one level further down; the name with gelar; the pangkat; the NIP (officials
without NIP — the Bupati — without that line).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sakip.core.formats import tanggal
from sakip.organization.models import Position, office_title, signer_title


def _position_title(position: Position) -> str:
    """The title of a position as an office (no Plt./Plh.): the OPD's name, not the Kabupaten's (office_title)."""
    return office_title(position)


def signing_place(position: Position) -> str:
    if position.opd_id and position.opd.city:
        return position.opd.city
    return position.pemda.capital or position.pemda.name


def signature_block(position, on_date, *, on_behalf_of=None) -> dict:
    """Everything a template needs to print the signature of `position`'s holder on `on_date`.

    Returns {"place", "date", "date_text", "place_date", "title_lines", "title", "name", "pangkat",
    "nip", "employee", "position", "assignment", "prefix"}. Raises ValidationError (Indonesian) when
    the position has no holder on that date or `on_behalf_of` is not above it.
    """
    if position is None:
        raise ValidationError(_("Jabatan penanda tangan belum dipilih."))
    assignment = position.holder_on(on_date)
    if assignment is None:
        raise ValidationError(
            _('Jabatan "%(pos)s" tidak dipegang oleh siapa pun pada %(date)s; penanda tangan tidak dapat ditentukan.')
            % {"pos": position.display_short, "date": tanggal(on_date)}
        )
    employee = assignment.employee
    title = signer_title(position, on_date, assignment=assignment)
    lines = []
    if on_behalf_of is not None and on_behalf_of.pk != position.pk:
        chain = position.superiors()
        ids = [p.pk for p in chain]
        if on_behalf_of.pk not in ids:
            raise ValidationError(
                _('"%(sup)s" bukan atasan dari "%(pos)s"; tanda tangan a.n. tidak dapat dibuat.')
                % {"sup": on_behalf_of.display_short, "pos": position.display_short}
            )
        lines.append(f"a.n. {_position_title(on_behalf_of)}")
        index = ids.index(on_behalf_of.pk)
        if index == 0:
            lines.append(f"{title},")
        else:
            # The official directly under on_behalf_of signs a.n.; the signer signs u.b. (untuk beliau).
            lines.append(f"{_position_title(chain[index - 1])},")
            lines.append("u.b.")
            lines.append(f"{title},")
    else:
        lines.append(f"{title},")
    place = signing_place(position)
    date_text = tanggal(on_date)
    nip = employee.nip_display if employee.kind in ("pns", "pppk") and employee.nip else ""
    return {
        "place": place,
        "date": on_date,
        "date_text": date_text,
        "place_date": f"{place}, {date_text}",
        "title_lines": lines,
        "title": title,
        "name": employee.full_name,
        "pangkat": employee.pangkat if employee.kind == "pns" else "",
        "nip": nip,
        "nip_line": f"NIP. {nip}" if nip else "",
        "employee": employee,
        "position": position,
        "assignment": assignment,
        "prefix": assignment.prefix.strip(),
    }
