# The command menu's descriptions for requesters, admins and owners (a worker's are in WorkerMessages), in English and Indonesian.
# Edit here, then: python3 scripts/dev/resx.py src/Microtask.Bot/Resources/MenuMessages.table.py
NAME = "src/Microtask.Bot/Resources/MenuMessages"
TEXTS = {
    # requesters
    "newproject": ("Create a project step by step", "Buat proyek langkah demi langkah"),
    "projects": ("Your projects and their state", "Proyek Anda dan statusnya"),
    "progress": ("Progress of project N, with a chart", "Kemajuan proyek N, dengan grafik"),
    "review": ("Settle the tasks the crowd is least sure of", "Putuskan tugas yang paling diragukan pekerja"),
    "results": ("Results of project N as a CSV file", "Hasil proyek N dalam berkas CSV"),
    "rules": ("Quality rules of project N", "Aturan kualitas proyek N"),
    "reward": ("Raise the reward of project N", "Naikkan imbalan proyek N"),
    "bonus": ("Pay a worker of project N a bonus", "Bayar bonus ke pekerja proyek N"),
    "notify": ("A message to the workers of project N", "Pesan untuk pekerja proyek N"),
    "token": ("API tokens: new, list, revoke", "Token API: new, list, revoke"),
    "webhook": ("Post project N's events to your address", "Kirim peristiwa proyek N ke alamat Anda"),
    "pause": ("Pause your task, or project N", "Jeda tugas Anda, atau proyek N"),
    "resume": ("Restart project N", "Lanjutkan proyek N"),
    "close": ("End project N and get its budget back", "Akhiri proyek N dan ambil sisa anggarannya"),
    "digest": ("A daily summary of your projects: on or off", "Ringkasan harian proyek Anda: on atau off"),
    "cancel": ("Stop the new project's questions", "Hentikan pertanyaan proyek baru"),
    # admins
    "reports": ("Reported tasks waiting for review", "Tugas yang dilaporkan, menunggu tinjauan"),
    "user": ("A user's profile", "Profil pengguna"),
    "ban": ("Ban a worker", "Blokir pekerja"),
    "suspend": ("Suspend a worker from one project", "Tangguhkan pekerja dari satu proyek"),
    "unban": ("Lift a ban", "Cabut blokir"),
    "grant": ("Give the requester role", "Beri peran pemberi tugas"),
    "revoke": ("Take the requester role back", "Cabut peran pemberi tugas"),
    "topup": ("Top up a requester's account", "Isi saldo akun pemberi tugas"),
    "payouts": ("Withdrawals waiting to be paid", "Penarikan yang menunggu dibayar"),
    "stats": ("The platform today", "Platform hari ini"),
    "audit": ("What admins did", "Yang dilakukan admin"),
    "unpause": ("Resume a project an admin paused", "Lanjutkan proyek yang dijeda admin"),
    "broadcast": ("A message to every worker", "Pesan untuk semua pekerja"),
    # owners
    "promote": ("Make a user an admin", "Jadikan pengguna admin"),
    "demote": ("Take the admin role back", "Cabut peran admin"),
}
