"""The roles of sakip. Roles are Django groups; object rules live in sakip.core.permissions."""

ADMIN = "Administrator"
KEPALA_OPD = "Kepala OPD"
SEKRETARIS = "Sekretaris"
TIM_SAKIP = "Tim SAKIP"
KEPALA_UNIT = "Kepala Unit"
OPERATOR = "Operator"
INSPEKTORAT = "Inspektorat"
PEMDA_VIEWER = "Pemda Viewer"

ALL_ROLES = [ADMIN, KEPALA_OPD, SEKRETARIS, TIM_SAKIP, KEPALA_UNIT, OPERATOR, INSPEKTORAT, PEMDA_VIEWER]

# Roles that manage a whole OPD (write anywhere in its unit tree).
OPD_MANAGERS = {KEPALA_OPD, SEKRETARIS, TIM_SAKIP}
# Roles that write only within their unit's subtree.
UNIT_ROLES = {KEPALA_UNIT, OPERATOR}
# Roles that read every OPD of their Pemda.
PEMDA_READERS = {INSPEKTORAT, PEMDA_VIEWER}

ROLE_DESCRIPTIONS = {
    ADMIN: "Mengelola seluruh data dan pengguna",
    KEPALA_OPD: "Menyetujui dan menandatangani dokumen kinerja OPD",
    SEKRETARIS: "Mengoordinasikan SAKIP OPD",
    TIM_SAKIP: "Menyusun perencanaan, pengukuran dan pelaporan OPD",
    KEPALA_UNIT: "Memvalidasi data kinerja unitnya (Kabid, Kasubbag, Kasi)",
    OPERATOR: "Mengisi data kinerja unitnya",
    INSPEKTORAT: "Mengevaluasi SAKIP seluruh OPD",
    PEMDA_VIEWER: "Melihat kinerja seluruh OPD (Bupati, Sekda, Bappeda)",
}
