# The admins' texts in English and Indonesian. Edit here, then: python3 scripts/dev/resx.py src/Microtask.Bot/Resources/AdminMessages.table.py
NAME = "src/Microtask.Bot/Resources/AdminMessages"
TEXTS = {
    "DailySummary": ("📋 <b>Platform, last 24 hours</b> ({0})\nWorkers who answered: {1}\nAnswers: {2}\nTasks reported: {3}\nOpen answer slots: {4}\nLeases live now: {5}\nProjects paused for lack of budget: {6}", "📋 <b>Platform, 24 jam terakhir</b> ({0})\nPekerja yang menjawab: {1}\nJawaban: {2}\nTugas yang dilaporkan: {3}\nSlot jawaban terbuka: {4}\nTugas sedang dikerjakan: {5}\nProyek dijeda karena anggaran habis: {6}"),
}
