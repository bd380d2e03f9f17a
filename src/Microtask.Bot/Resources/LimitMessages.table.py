# Daily limits, time zones and reminders, in English and Indonesian. Edit here, then:
#   python3 scripts/dev/resx.py src/Microtask.Bot/Resources/LimitMessages.table.py
# Texts are Telegram HTML: values inserted with {0} are escaped by the caller.
NAME = "src/Microtask.Bot/Resources/LimitMessages"
TEXTS = {
    "LimitReached": (
        "🌙 That's {0} answers today: your daily limit of {1} ({2}) is reached. Well done!\nYour next day starts at {3} ({4}), in {5}; tasks come again then.",
        "🌙 Hari ini sudah {0} jawaban: batas harian {1} ({2}) tercapai. Kerja bagus!\nHari berikutnya mulai pukul {3} ({4}), {5} lagi; tugas tersedia lagi saat itu.",
    ),
    "SourceOwn": ("your own limit", "batas Anda sendiri"),
    "SourcePlatform": ("the platform's daily cap", "batas harian platform"),
    "HoursMinutes": ("{0} h {1} min", "{0} jam {1} menit"),
    "Minutes": ("{0} min", "{0} menit"),
    "LimitToday": ("Today: {0} of {1} ({2}).", "Hari ini: {0} dari {1} ({2})."),
    "LimitHowTo": (
        "Set your own daily limit with /limit N (1–1000), or turn it off with /limit off.",
        "Atur batas harian Anda sendiri dengan /limit N (1–1000), atau matikan dengan /limit off.",
    ),
    "LimitSet": ("✅ Your daily limit is now {0} answers.", "✅ Batas harian Anda sekarang {0} jawaban."),
    "LimitAbovePlatform": (
        "✅ Your daily limit is now {0} answers; the platform's cap of {1} a day still applies.",
        "✅ Batas harian Anda sekarang {0} jawaban; batas platform {1} per hari tetap berlaku.",
    ),
    "LimitOff": (
        "✅ Your own limit is off; the platform's cap of {0} answers a day still applies.",
        "✅ Batas Anda sendiri dimatikan; batas platform {0} jawaban per hari tetap berlaku.",
    ),
    "LimitHint": (
        "Send /limit with a number of answers a day from 1 to 1000, for example /limit 20, or /limit off.",
        "Kirim /limit dengan jumlah jawaban per hari dari 1 sampai 1000, misalnya /limit 20, atau /limit off.",
    ),
    "TimeZoneCurrent": (
        "🌍 Your time zone: <b>{0}</b> (it's {1} there). Your day ends at midnight there.\nChange it with /timezone Area/City, for example /timezone Asia/Makassar; WIB, WITA and WIT work too.",
        "🌍 Zona waktu Anda: <b>{0}</b> (sekarang pukul {1} di sana). Hari Anda berakhir tengah malam di sana.\nUbah dengan /timezone Area/Kota, misalnya /timezone Asia/Makassar; WIB, WITA dan WIT juga bisa.",
    ),
    "TimeZoneHint": (
        "I don't know that time zone. Send it as Area/City, for example /timezone Asia/Jayapura or /timezone Europe/London (WIB, WITA and WIT work too).",
        "Saya tidak mengenal zona waktu itu. Kirim sebagai Area/Kota, misalnya /timezone Asia/Jayapura atau /timezone Europe/London (WIB, WITA dan WIT juga bisa).",
    ),
    "TimeZoneSet": (
        "✅ Time zone set to <b>{0}</b>; it's {1} there now. Your day, your limit and your reminder follow it.",
        "✅ Zona waktu diatur ke <b>{0}</b>; sekarang pukul {1} di sana. Hari, batas dan pengingat Anda mengikutinya.",
    ),
    "ReminderCurrent": ("⏰ Reminder: every day at {0} ({1}).", "⏰ Pengingat: setiap hari pukul {0} ({1})."),
    "ReminderNone": ("⏰ No daily reminder.", "⏰ Tidak ada pengingat harian."),
    "ReminderHowTo": (
        "Set one with /remind HH:MM in your local time, for example /remind 08:30; /remind off stops it. It only comes when there is a task for you and your limit is not reached.",
        "Atur dengan /remind JJ:MM dalam waktu setempat Anda, misalnya /remind 08:30; /remind off menghentikannya. Pengingat hanya datang jika ada tugas untuk Anda dan batas Anda belum tercapai.",
    ),
    "ReminderHint": (
        "Send the time as HH:MM, for example /remind 08:30, or /remind off.",
        "Kirim waktunya sebagai JJ:MM, misalnya /remind 08:30, atau /remind off.",
    ),
    "ReminderSet": (
        "✅ I'll remind you every day at {0} ({1}) when there is a task for you and your limit allows it.",
        "✅ Saya akan mengingatkan Anda setiap hari pukul {0} ({1}) jika ada tugas untuk Anda dan batas Anda masih memungkinkan.",
    ),
    "ReminderOff": ("✅ Daily reminder off.", "✅ Pengingat harian dimatikan."),
    "Nudge": (
        "👋 There are tasks waiting for you. Tap <b>Next task</b> when you have a minute.",
        "👋 Ada tugas yang menunggu Anda. Ketuk <b>Tugas berikutnya</b> kapan pun Anda punya waktu.",
    ),
    "NudgeSoFar": (
        "👋 There are tasks waiting for you ({0} of {1} done today). Tap <b>Next task</b> when you have a minute.",
        "👋 Ada tugas yang menunggu Anda ({0} dari {1} selesai hari ini). Ketuk <b>Tugas berikutnya</b> kapan pun Anda punya waktu.",
    ),
    "ProfileDay": (
        "Daily limit: {0} ({1})\nTime zone: {2}\nReminder: {3}",
        "Batas harian: {0} ({1})\nZona waktu: {2}\nPengingat: {3}",
    ),
    "ProfileReminderOff": ("off", "mati"),
    "ProfileReminderAt": ("every day at {0}", "setiap hari pukul {0}"),
}
