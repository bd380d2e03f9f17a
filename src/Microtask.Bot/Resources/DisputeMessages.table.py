# Disputes of gold answers, and the quarantine of a gold task they show to be wrong, in English and Indonesian. Edit
# here, then: python3 scripts/dev/resx.py src/Microtask.Bot/Resources/DisputeMessages.table.py
# Texts are Telegram HTML: values inserted with {0} are escaped by the caller. Texts shown as a button's toast
# (Dispute*, GoldAlreadyDecided, GoldNotYours) are plain text of at most 200 characters.
NAME = "src/Microtask.Bot/Resources/DisputeMessages"
TEXTS = {
    "DisputeButton": ("⚖️ Dispute", "⚖️ Sanggah"),
    "DisputeRecorded": (
        "⚖️ Dispute recorded. If enough workers dispute this check task and the crowd's answers agree with them, it stops counting.",
        "⚖️ Sanggahan dicatat. Bila cukup banyak pekerja menyanggah tugas pemeriksaan ini dan jawaban para pekerja sepakat, tugas ini tidak dihitung lagi.",
    ),
    "DisputeQuarantined": (
        "⚖️ Dispute recorded. With yours, enough workers disputed this check task: it no longer counts, and its requester is asked to check it.",
        "⚖️ Sanggahan dicatat. Dengan sanggahan Anda, cukup banyak pekerja menyanggah tugas ini: tugas ini tidak dihitung lagi, dan pemiliknya diminta memeriksanya.",
    ),
    "DisputeTwice": (
        "You have already disputed this check task. Nothing changed.",
        "Anda sudah menyanggah tugas pemeriksaan ini. Tidak ada yang berubah.",
    ),
    "DisputeNothing": (
        "Nothing to dispute: only an answer marked wrong on a check task can be disputed. Nothing changed.",
        "Tidak ada yang bisa disanggah: hanya jawaban yang dinilai salah pada tugas pemeriksaan yang bisa disanggah. Tidak ada yang berubah.",
    ),
    "DisputeNotAnswered": (
        "You did not answer this task, so you cannot dispute it. Nothing changed.",
        "Anda tidak menjawab tugas ini, jadi tidak bisa menyanggahnya. Tidak ada yang berubah.",
    ),
    "DisputeSuspended": (
        "You are suspended from this project: only workers in good standing can dispute its check tasks. Nothing changed. To contest the suspension, send /appeal.",
        "Anda ditangguhkan dari proyek ini: hanya pekerja berstatus baik yang bisa menyanggah tugas pemeriksaannya. Tidak ada yang berubah. Untuk menyanggah penangguhan, kirim /appeal.",
    ),
    "DisputeReviewed": (
        "This check task was already set aside and put to its requester. Nothing changed.",
        "Tugas pemeriksaan ini sudah disisihkan dan diserahkan kepada pemiliknya. Tidak ada yang berubah.",
    ),
    "GoldUnsuspended": (
        "✅ You can get tasks from <b>{0}</b> again. A check task you were marked wrong on had a faulty expected answer: {1:N0} of {2:N0} workers answered <b>{3}</b>, and {4:N0} disputed it. It no longer counts, and your accuracy there is now {5} ({6:N0} of {7:N0} right).",
        "✅ Anda bisa mendapat tugas dari <b>{0}</b> lagi. Sebuah tugas pemeriksaan yang jawaban Anda dinilai salah ternyata memiliki jawaban yang diharapkan yang keliru: {1:N0} dari {2:N0} pekerja menjawab <b>{3}</b>, dan {4:N0} menyanggahnya. Tugas itu tidak dihitung lagi, dan akurasi Anda di sana sekarang {5} ({6:N0} dari {7:N0} benar).",
    ),
    "QuarantineNotice": (
        "⚖️ <b>A check task of #{0} {1} is set aside</b>\n{2}\n\nIts gold answer is <b>{3}</b>, but {4:N0} of the {5:N0} workers' answers counted say <b>{6}</b>, and {7:N0} workers in good standing disputed it. It no longer counts in anyone's accuracy: the records of the workers who answered it were recomputed without it.{8}\n\nWhich answer is right? The one you choose checks the answers still to come; the answers given before stay as recomputed.",
        "⚖️ <b>Sebuah tugas pemeriksaan #{0} {1} disisihkan</b>\n{2}\n\nJawaban emasnya <b>{3}</b>, tetapi {4:N0} dari {5:N0} jawaban pekerja yang dihitung adalah <b>{6}</b>, dan {7:N0} pekerja berstatus baik menyanggahnya. Tugas ini tidak dihitung lagi dalam akurasi siapa pun: catatan pekerja yang menjawabnya dihitung ulang tanpanya.{8}\n\nJawaban mana yang benar? Pilihan Anda dipakai untuk memeriksa jawaban berikutnya; jawaban yang sudah diberikan tetap seperti yang dihitung ulang.",
    ),
    "QuarantineLifted": (
        "\nSuspensions it alone caused, now lifted (the workers were told): {0:N0}.",
        "\nPenangguhan yang hanya disebabkan olehnya, kini dicabut (pekerjanya diberi tahu): {0:N0}.",
    ),
    "QuarantineTask": ("Task #{0}", "Tugas #{0}"),
    "QuarantineTaskLine": ("Task #{0}, line {1:N0} of {2}", "Tugas #{0}, baris {1:N0} dari {2}"),
    "KeepGoldButton": ("✅ Keep «{0}»", "✅ Tetap «{0}»"),
    "ChangeGoldButton": ("✏️ Change to «{0}»", "✏️ Ganti ke «{0}»"),
    "GoldKept": (
        "✅ Kept: the answers still to come are checked against <b>{0}</b>.",
        "✅ Dipertahankan: jawaban berikutnya dicocokkan dengan <b>{0}</b>.",
    ),
    "GoldChanged": (
        "✏️ Changed: the answers still to come are checked against <b>{0}</b>.",
        "✏️ Diganti: jawaban berikutnya dicocokkan dengan <b>{0}</b>.",
    ),
    "GoldAlreadyDecided": (
        "Already decided: the answers are checked against «{0}». Nothing changed.",
        "Sudah diputuskan: jawaban dicocokkan dengan «{0}». Tidak ada yang berubah.",
    ),
    "GoldNotYours": (
        "This check task is not one of your projects'. Nothing changed.",
        "Tugas pemeriksaan ini bukan dari proyek Anda. Tidak ada yang berubah.",
    ),
}
