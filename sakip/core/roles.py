"""The roles of sakip. Roles are Django groups; object rules live in sakip.core.permissions."""

ADMIN = "Administrator"
KEPALA_OPD = "Kepala OPD"
SEKRETARIS = "Sekretaris"
TIM_SAKIP = "Tim SAKIP"
KEPALA_UNIT = "Kepala Unit"
OPERATOR = "Operator"
INSPEKTORAT = "Inspektorat"
PEMDA_VIEWER = "Pemda Viewer"
PEMDA_PLANNER = "Perencana Pemda"

ALL_ROLES = [ADMIN, KEPALA_OPD, SEKRETARIS, TIM_SAKIP, KEPALA_UNIT, OPERATOR, INSPEKTORAT, PEMDA_VIEWER, PEMDA_PLANNER]

# Roles that manage a whole OPD (write anywhere in its unit tree).
OPD_MANAGERS = {KEPALA_OPD, SEKRETARIS, TIM_SAKIP}
# Roles that write only within their unit's subtree.
UNIT_ROLES = {KEPALA_UNIT, OPERATOR}
# Roles that read every OPD of their Pemda.
PEMDA_READERS = {INSPEKTORAT, PEMDA_VIEWER}
# The Pemda's planners (Bappeda): write the Kabupaten's own RPJMD tujuan/sasaran/IKU and the Pemda LKjIP, and
# see the Pemda-wide figures (Dasbor Pemda). The role adds to the user's OPD role; it reads no OPD's
# internal documents (docs/rules.md §10).
PEMDA_PLANNERS = {PEMDA_PLANNER}

ROLE_DESCRIPTIONS = {
    ADMIN: "Mengelola seluruh data dan pengguna",
    KEPALA_OPD: "Menyetujui dan menandatangani dokumen kinerja OPD",
    SEKRETARIS: "Mengoordinasikan SAKIP OPD",
    TIM_SAKIP: "Menyusun perencanaan, pengukuran dan pelaporan OPD",
    KEPALA_UNIT: "Memvalidasi data kinerja unitnya (Kabid, Kasubbag, Kasi)",
    OPERATOR: "Mengisi data kinerja unitnya",
    INSPEKTORAT: "Mengevaluasi SAKIP seluruh OPD",
    PEMDA_VIEWER: "Melihat kinerja seluruh OPD (Bupati, Sekda, Bappeda)",
    PEMDA_PLANNER: "Menyusun RPJMD, IKU Pemda dan LKjIP Pemda (Bappeda)",
}
