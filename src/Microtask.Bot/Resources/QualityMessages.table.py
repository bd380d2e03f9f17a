# Quality control texts (gold rules, speed, qualification) in English and Indonesian. Edit here, then:
# python3 scripts/dev/resx.py src/Microtask.Bot/Resources/QualityMessages.table.py
# Texts are Telegram HTML: values inserted with {0} are escaped by the caller.
NAME = "src/Microtask.Bot/Resources/QualityMessages"
TEXTS = {
    "FastWarning": (
        "🐢 That answer came very fast. Please read each task before you answer: {0} of {1} such answers suspend you from this project.",
        "🐢 Jawaban itu sangat cepat. Mohon baca setiap tugas sebelum menjawab: {0} dari {1} jawaban seperti itu membuat Anda ditangguhkan dari proyek ini.",
    ),
    "SuspendedAccuracy": (
        "⛔ You are suspended from <b>{0}</b>: your accuracy on its check tasks is {1} ({2} of {3} right), below the {4} it asks for. Other projects are still open to you. If you think this is wrong, send /appeal with your explanation.",
        "⛔ Anda ditangguhkan dari <b>{0}</b>: akurasi Anda pada tugas pemeriksaannya {1} ({2} dari {3} benar), di bawah {4} yang diminta. Proyek lain tetap terbuka untuk Anda. Bila menurut Anda ini keliru, kirim /appeal dengan penjelasan Anda.",
    ),
    "SuspendedFast": (
        "⛔ You are suspended from <b>{0}</b>: {1} of your answers came in under {2} s, too fast to have read the task. Other projects are still open to you. If you think this is wrong, send /appeal with your explanation.",
        "⛔ Anda ditangguhkan dari <b>{0}</b>: {1} jawaban Anda masuk dalam waktu kurang dari {2} detik, terlalu cepat untuk sempat membaca tugasnya. Proyek lain tetap terbuka untuk Anda. Bila menurut Anda ini keliru, kirim /appeal dengan penjelasan Anda.",
    ),
    "SuspendedQualification": (
        "⛔ You did not pass the qualification for <b>{0}</b>: {1} of {2} check tasks right, accuracy {3} (it asks for {4}). Other projects are still open to you. If you think this is wrong, send /appeal with your explanation.",
        "⛔ Anda tidak lulus kualifikasi untuk <b>{0}</b>: {1} dari {2} tugas pemeriksaan benar, akurasi {3} (yang diminta {4}). Proyek lain tetap terbuka untuk Anda. Bila menurut Anda ini keliru, kirim /appeal dengan penjelasan Anda.",
    ),
    "Qualified": (
        "🎓 You passed the qualification for <b>{0}</b>: its tasks are open to you now.",
        "🎓 Anda lulus kualifikasi untuk <b>{0}</b>: tugas-tugasnya sekarang terbuka untuk Anda.",
    ),
    "AskQuality": (
        "10/11 · <b>Quality rules</b>. Now:\n{0}\n\nPress <b>Use these</b>, or type what to change, e.g. <code>gold 20%, accuracy 70% after 10, fast 3s flags 3, qualify 5, exclude no</code> (<code>fast off</code>, <code>qualify 0</code> turn a rule off). Gold tasks are the rows of your files with a known answer.",
        "10/11 · <b>Aturan kualitas</b>. Saat ini:\n{0}\n\nTekan <b>Pakai ini</b>, atau ketik yang ingin diubah, misalnya <code>emas 20%, akurasi 70% setelah 10, cepat 3s tanda 3, kualifikasi 5, kecualikan tidak</code> (<code>cepat mati</code>, <code>kualifikasi 0</code> mematikan aturan). Tugas emas adalah baris berkas Anda yang jawabannya sudah diketahui.",
    ),
    "UseRulesButton": ("✅ Use these", "✅ Pakai ini"),
    "HintQuality": (
        "I could not read <code>{0}</code>. Name what to change, each with its value: <code>gold</code> 0–100%, <code>accuracy</code> 0–100%, <code>after</code> 1–1000 gold answers, <code>fast</code> seconds (or <code>off</code>), <code>flags</code> 1–100, <code>qualify</code> 0–50 gold tasks, <code>exclude</code> yes/no. Or send <code>default</code>.",
        "Saya tidak bisa membaca <code>{0}</code>. Sebutkan yang diubah, masing-masing dengan nilainya: <code>emas</code> 0–100%, <code>akurasi</code> 0–100%, <code>setelah</code> 1–1000 jawaban emas, <code>cepat</code> detik (atau <code>mati</code>), <code>tanda</code> 1–100, <code>kualifikasi</code> 0–50 tugas emas, <code>kecualikan</code> ya/tidak. Atau kirim <code>default</code>.",
    ),
    "RulesGold": ("• gold tasks: {0}% of the tasks shown", "• tugas emas: {0}% dari tugas yang ditampilkan"),
    "RulesAccuracy": ("• suspend below {0}% gold accuracy after {1} gold answers", "• tangguhkan bila akurasi emas di bawah {0}% setelah {1} jawaban emas"),
    "RulesAccuracyOff": ("• no suspension by gold accuracy", "• tanpa penangguhan karena akurasi emas"),
    "RulesFast": ("• an answer under {0} s is flagged; {1} flags suspend", "• jawaban di bawah {0} detik ditandai; {1} tanda menangguhkan"),
    "RulesFastOff": ("• no speed check", "• tanpa pemeriksaan kecepatan"),
    "RulesQualification": ("• qualification: {0} gold tasks first, passed at {1}% accuracy", "• kualifikasi: {0} tugas emas lebih dulu, lulus dengan akurasi {1}%"),
    "RulesQualificationOff": ("• no qualification", "• tanpa kualifikasi"),
    "RulesExclude": ("• answers of suspended or banned workers are left out of the results", "• jawaban pekerja yang ditangguhkan atau diblokir tidak dimasukkan ke hasil"),
    "RulesInclude": ("• answers of suspended or banned workers stay in the results", "• jawaban pekerja yang ditangguhkan atau diblokir tetap masuk ke hasil"),
    "RulesUsage": (
        "Write <code>/rules 12</code> to see project #12's quality rules and overlap, or <code>/rules 12 accuracy 70% after 10, fast 3s</code> to change them (<code>/rules 12 overlap 2-5 until 90%</code> for the overlap).",
        "Tulis <code>/rules 12</code> untuk melihat aturan kualitas dan overlap proyek #12, atau <code>/rules 12 akurasi 70% setelah 10, cepat 3s</code> untuk mengubahnya (<code>/rules 12 overlap 2-5 sampai 90%</code> untuk overlap).",
    ),
    "RulesOf": ("📏 Quality rules of <b>#{0}</b>:\n{1}", "📏 Aturan kualitas <b>#{0}</b>:\n{1}"),
    "RulesChanged": ("✅ Quality rules of <b>#{0}</b> changed; they apply from the next answer:\n{1}", "✅ Aturan kualitas <b>#{0}</b> diubah; berlaku mulai jawaban berikutnya:\n{1}"),
    "UserQuality": ("Quality by project:", "Kualitas per proyek:"),
    "UserQualityLine": (
        "• #{0}: gold {1} of {2} right ({3}), {4} too-fast flags{5}",
        "• #{0}: emas {1} dari {2} benar ({3}), {4} tanda terlalu cepat{5}",
    ),
    "UserQualified": (", qualified", ", lulus kualifikasi"),
    "RuleAccuracy": ("gold accuracy rule", "aturan akurasi emas"),
    "RuleTooFast": ("too-fast rule", "aturan terlalu cepat"),
    "RuleQualification": ("qualification", "kualifikasi"),
    "ResultsExcluded": (
        "{0} answers of {1} suspended or banned workers are left out (the project's rules say so; /rules {2} exclude no keeps them).",
        "{0} jawaban dari {1} pekerja yang ditangguhkan atau diblokir tidak dimasukkan (sesuai aturan proyek; /rules {2} kecualikan tidak mempertahankannya).",
    ),
    "JudgingNever": (
        "⚠️ The gold accuracy rule can never judge anyone here: it waits for {0:N0} gold answers from a worker, but the project has {1:N0} gold tasks, and nobody answers a task twice.",
        "⚠️ Aturan akurasi emas tidak akan pernah menilai siapa pun di sini: aturan itu menunggu {0:N0} jawaban emas dari seorang pekerja, tetapi proyek ini hanya punya {1:N0} tugas emas, dan tidak ada yang menjawab satu tugas dua kali.",
    ),
    "JudgingUnlikely": (
        "⚠️ The gold accuracy rule will hardly ever judge anyone: {0:N0} gold tasks, each answered by at most {1:N0} workers, give {2:N0} gold answers; spread over about {3:N0} workers that is about {4:0.#} each, but the rule waits for {5:N0}.",
        "⚠️ Aturan akurasi emas hampir tidak akan pernah menilai siapa pun: {0:N0} tugas emas, masing-masing dijawab paling banyak oleh {1:N0} pekerja, memberi {2:N0} jawaban emas; dibagi ke sekitar {3:N0} pekerja, itu sekitar {4:0.#} per orang, padahal aturannya menunggu {5:N0}.",
    ),
    "JudgingFix": (
        "Add about {0:N0} gold rows, or judge after fewer: <code>/rules {1} after {2}</code>.",
        "Tambahkan sekitar {0:N0} baris emas, atau nilai setelah lebih sedikit: <code>/rules {1} setelah {2}</code>.",
    ),
    "JudgingFixRows": (
        "Add about {0:N0} gold rows, or turn the rule off: <code>/rules {1} accuracy 0</code>.",
        "Tambahkan sekitar {0:N0} baris emas, atau matikan aturannya: <code>/rules {1} akurasi 0</code>.",
    ),
    "JudgingNeeds": (
        "ℹ️ The accuracy rule judges a worker once they have given {0:N0} gold answers. Nobody answers a gold task twice and each goes to at most {1:N0} workers, so for a crowd of about {2:N0} your batches need at least {3:N0} gold rows; with fewer, write a smaller <code>after</code>.",
        "ℹ️ Aturan akurasi menilai seorang pekerja setelah ia memberi {0:N0} jawaban emas. Tidak ada yang menjawab tugas emas dua kali dan setiap tugas diberikan ke paling banyak {1:N0} pekerja, jadi dengan sekitar {2:N0} pekerja aktif, batch Anda perlu paling sedikit {3:N0} baris emas; bila kurang, tulis <code>setelah</code> yang lebih kecil.",
    ),
}
