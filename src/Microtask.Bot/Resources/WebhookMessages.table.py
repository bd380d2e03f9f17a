# Webhook texts (/webhook, its refusals, the delivery errors and the failure notice) in English and Indonesian.
# Edit here, then: python3 scripts/dev/resx.py src/Microtask.Bot/Resources/WebhookMessages.table.py
NAME = "src/Microtask.Bot/Resources/WebhookMessages"
TEXTS = {
    "Usage": ("<code>/webhook N https://…</code> posts the events of project N (batch.completed, project.paused, budget.low) to your address, signed; <code>/webhook N</code> shows it; <code>/webhook N off</code> removes it.", "<code>/webhook N https://…</code> mengirim peristiwa proyek N (batch.completed, project.paused, budget.low) ke alamat Anda, bertanda tangan; <code>/webhook N</code> menampilkannya; <code>/webhook N off</code> menghapusnya."),
    "Set": ("🔗 Project #{0} now posts its events (batch.completed, project.paused, budget.low) to {1}\n\nSigning secret, shown only this once; keep it safe:\n<code>{2}</code>\n\nEach POST carries the headers Microtask-Webhook-Timestamp and Microtask-Webhook-Signature: <code>sha256=</code> and the HMAC-SHA256 of timestamp + \".\" + body with this secret. The user guide shows how to check it.", "🔗 Proyek #{0} sekarang mengirim peristiwanya (batch.completed, project.paused, budget.low) ke {1}\n\nKunci rahasia penanda tangan, hanya ditampilkan sekali ini; simpan baik-baik:\n<code>{2}</code>\n\nSetiap POST membawa header Microtask-Webhook-Timestamp dan Microtask-Webhook-Signature: <code>sha256=</code> dan HMAC-SHA256 dari timestamp + \".\" + isi dengan kunci ini. Panduan pengguna menunjukkan cara memeriksanya."),
    "Replaced": ("The previous address and secret no longer work; events still waiting go to the new address.", "Alamat dan kunci sebelumnya tidak berlaku lagi; peristiwa yang masih menunggu dikirim ke alamat baru."),
    "Removed": ("🔕 Project #{0} no longer posts events; those still waiting will not be sent.", "🔕 Proyek #{0} tidak lagi mengirim peristiwa; yang masih menunggu tidak akan dikirim."),
    "NotSet": ("Project #{0} has no webhook. Set one with <code>/webhook {0} https://…</code>.", "Proyek #{0} belum punya webhook. Pasang dengan <code>/webhook {0} https://…</code>."),
    "Show": ("🔗 <b>Webhook of project #{0}</b>\nAddress: {1}\nSet: {2:d MMM yyyy HH:mm} UTC\nEvents: batch.completed, project.paused, budget.low\nWaiting to be sent: {3:N0}\nLast delivered: {4}", "🔗 <b>Webhook proyek #{0}</b>\nAlamat: {1}\nDipasang: {2:d MMM yyyy HH:mm} UTC\nPeristiwa: batch.completed, project.paused, budget.low\nMenunggu dikirim: {3:N0}\nTerakhir terkirim: {4}"),
    "ShowFailing": ("⚠️ Failed attempts in a row: {0:N0}\nLast error ({1:d MMM HH:mm} UTC): {2}", "⚠️ Percobaan gagal berturut-turut: {0:N0}\nGalat terakhir ({1:d MMM HH:mm} UTC): {2}"),
    "ShowLastError": ("Last error ({0:d MMM HH:mm} UTC): {1}", "Galat terakhir ({0:d MMM HH:mm} UTC): {1}"),
    "ShowGivenUp": ("Given up after every attempt: {0:N0}", "Dihentikan setelah semua percobaan: {0:N0}"),
    "Never": ("never", "belum pernah"),
    "BadUrl": ("That is not an address events can be posted to: send a whole https:// address of at most 500 characters, without a user name or password.", "Itu bukan alamat yang bisa menerima peristiwa: kirim alamat https:// lengkap, paling banyak 500 karakter, tanpa nama pengguna atau kata sandi."),
    "NotHttps": ("Only https:// addresses are allowed: the events would otherwise travel unencrypted.", "Hanya alamat https:// yang diizinkan: tanpa itu peristiwa dikirim tanpa enkripsi."),
    "PrivateAddress": ("{0} leads to a private, loopback or link-local network address; events are posted only to public addresses.", "{0} mengarah ke alamat jaringan privat, loopback atau link-local; peristiwa hanya dikirim ke alamat publik."),
    "Unresolved": ("The name {0} could not be found in DNS; check the address.", "Nama {0} tidak ditemukan di DNS; periksa alamatnya."),
    "ErrorHttp": ("the receiver answered HTTP {0}", "penerima menjawab HTTP {0}"),
    "ErrorTimeout": ("no answer within {0} s", "tidak ada jawaban dalam {0} dtk"),
    "ErrorAddress": ("the address now leads to a private or loopback network", "alamatnya kini mengarah ke jaringan privat atau loopback"),
    "ErrorConnect": ("could not connect ({0})", "tidak dapat terhubung ({0})"),
    "Failing": ("⚠️ The webhook of project <b>#{0}</b> {1} failed {2:N0} times in a row; last: {3}. Each event is tried again for several hours. <code>/webhook {0}</code> shows it.", "⚠️ Webhook proyek <b>#{0}</b> {1} gagal {2:N0} kali berturut-turut; terakhir: {3}. Setiap peristiwa dicoba lagi selama beberapa jam. <code>/webhook {0}</code> menampilkannya."),
}
