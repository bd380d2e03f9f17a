# The admins' texts in English and Indonesian. Edit here, then: python3 scripts/dev/resx.py src/Microtask.Bot/Resources/AdminMessages.table.py
NAME = "src/Microtask.Bot/Resources/AdminMessages"
TEXTS = {
    "DailySummary": ("📋 <b>Platform, last 24 hours</b> ({0})\nWorkers who answered: {1}\nAnswers: {2}\nTasks reported: {3}\nOpen answer slots: {4}\nLeases live now: {5}\nProjects paused for lack of budget: {6}", "📋 <b>Platform, 24 jam terakhir</b> ({0})\nPekerja yang menjawab: {1}\nJawaban: {2}\nTugas yang dilaporkan: {3}\nSlot jawaban terbuka: {4}\nTugas sedang dikerjakan: {5}\nProyek dijeda karena anggaran habis: {6}"),
    "UserUnknown": ("No user with Telegram id {0} has talked to the bot.", "Tidak ada pengguna dengan id Telegram {0} yang pernah menghubungi bot."),
    "RoleUsage": ("Usage: /{0} &lt;Telegram id&gt;", "Cara pakai: /{0} &lt;id Telegram&gt;"),
    "Promoted": ("✅ {0} is now an admin.", "✅ {0} sekarang admin."),
    "Demoted": ("✅ {0} is no longer an admin.", "✅ {0} bukan admin lagi."),
    "Granted": ("✅ {0} is now a requester and may create projects.", "✅ {0} sekarang pemberi tugas dan boleh membuat proyek."),
    "Revoked": ("✅ {0} is no longer a requester.", "✅ {0} bukan pemberi tugas lagi."),
    "RoleUnchanged": ("Nothing changed: {0} already is or is not in that role.", "Tidak ada yang berubah: {0} memang sudah atau belum punya peran itu."),
    "OwnerStays": ("{0} is an owner, set in the configuration; the chat cannot take that away.", "{0} adalah pemilik, ditetapkan di konfigurasi; chat tidak dapat mencabutnya."),
    "AuditUsage": ("Usage: /audit [Telegram id]", "Cara pakai: /audit [id Telegram]"),
    "AuditEmpty": ("The audit log is empty.", "Log audit kosong."),
    "AuditHeader": ("🗒 <b>Audit log</b>, latest {0}:", "🗒 <b>Log audit</b>, {0} terbaru:"),
    "AuditLine": ("{0} UTC · {1} · {2} → {3} · {4}", "{0} UTC · {1} · {2} → {3} · {4}"),
}
