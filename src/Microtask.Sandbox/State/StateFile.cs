using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.State;

/// <summary>A chat as the state file kept it.</summary>
internal sealed record SavedChat(SandboxUser User, bool Started, long LastMessageId, IReadOnlyList<StoredMessage> Messages);

/// <summary>
/// The emulator's state on disk (SQLite): every change is written through as it happens and the whole is read
/// once at start, so that a restart resumes the same users, chats, message ids, update ids, files and menus as
/// the bot's own data beside it. One connection behind one lock: the sandbox serves a handful of people.
/// </summary>
internal sealed class StateFile : IDisposable
{
    private const int Version = 2;

    // WAL with synchronous NORMAL: a crash of the process loses nothing, a power cut at most the last changes.
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS users (
            id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, username TEXT, language_code TEXT,
            started INTEGER NOT NULL DEFAULT 0, last_message_id INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS messages (
            chat_id INTEGER NOT NULL, message_id INTEGER NOT NULL, from_bot INTEGER NOT NULL, wire TEXT NOT NULL,
            text TEXT, parse_mode TEXT, caption TEXT, PRIMARY KEY (chat_id, message_id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS files (
            number INTEGER PRIMARY KEY, file_id TEXT NOT NULL UNIQUE, unique_id TEXT NOT NULL, file_name TEXT NOT NULL,
            mime_type TEXT NOT NULL, content BLOB NOT NULL, path TEXT NOT NULL, bot_id INTEGER, media TEXT);
        CREATE TABLE IF NOT EXISTS menus (scope TEXT NOT NULL, language TEXT NOT NULL, commands TEXT NOT NULL, PRIMARY KEY (scope, language));
        CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL, json TEXT NOT NULL);
        PRAGMA user_version = 2;
        """;

    // Version 1 kept no owner and no media attributes with a file; its files stay usable by whichever bot starts on it.
    private const string FromVersion1 = """
        ALTER TABLE files ADD COLUMN bot_id INTEGER;
        ALTER TABLE files ADD COLUMN media TEXT;
        """;
    private readonly object gate = new();
    private readonly SqliteConnection db;
    private bool closed;

    private StateFile(SqliteConnection db) => this.db = db;

    /// <summary>Opens or creates the file; <see cref="InvalidDataException"/> when it is not a sandbox state file.</summary>
    public static StateFile Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // No pooling: closing must release the file, so the next start (or a test) can open it again.
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            db.Open();
            var version = Convert.ToInt32(Scalar(db, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
            if (version > Version) throw new InvalidDataException($"{path} was written by a newer sandbox (version {version}).");
            if (version == 1) Run(db, FromVersion1);
            Run(db, Schema);
            return new StateFile(db);
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new InvalidDataException($"{path} is not a readable sandbox state file: {e.Message}", e);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    public long Counter(string name) =>
        Read(() => Scalar(this.db, "SELECT value FROM counters WHERE name = $a", name) is long value ? value : 0);

    public void SetCounter(string name, long value) =>
        Write("INSERT INTO counters (name, value) VALUES ($a, $b) ON CONFLICT (name) DO UPDATE SET value = excluded.value", name, value);

    public IReadOnlyList<SavedChat> LoadChats() => Read(() =>
    {
        var messages = Rows("SELECT chat_id, from_bot, wire, text, parse_mode, caption FROM messages ORDER BY chat_id, message_id", r =>
            (ChatId: r.GetInt64(0), Message: MessageFactory.Create(JsonSerializer.Deserialize<WireMessage>(r.GetString(2), WireJson.Options)!,
                NullableString(r, 3), NullableString(r, 4), NullableString(r, 5), r.GetBoolean(1))))
            .ToLookup(m => m.ChatId, m => m.Message);
        return Rows("SELECT id, first_name, username, language_code, started, last_message_id FROM users ORDER BY id", r =>
        {
            var user = new SandboxUser(r.GetInt64(0), r.GetString(1), NullableString(r, 2), NullableString(r, 3));
            return new SavedChat(user, r.GetBoolean(4), r.GetInt64(5), messages[user.Id].ToArray());
        });
    });

    public void AddUser(SandboxUser user) =>
        Write("INSERT INTO users (id, first_name, username, language_code) VALUES ($a, $b, $c, $d)", user.Id, user.FirstName, user.Username, user.LanguageCode);

    public void MarkStarted(long chatId) => Write("UPDATE users SET started = 1 WHERE id = $a", chatId);

    public void SaveMessage(long chatId, StoredMessage message) => Write(
        """
        INSERT INTO messages (chat_id, message_id, from_bot, wire, text, parse_mode, caption) VALUES ($a, $b, $c, $d, $e, $f, $g)
        ON CONFLICT (chat_id, message_id) DO UPDATE SET wire = excluded.wire, text = excluded.text, parse_mode = excluded.parse_mode,
            caption = excluded.caption;
        UPDATE users SET last_message_id = max(last_message_id, $b) WHERE id = $a;
        """,
        chatId, message.Id, message.View.FromBot, WireJson.Serialize(message.Wire), message.View.Text, message.View.ParseMode, message.View.Caption);

    public void DeleteMessage(long chatId, long messageId) =>
        Write("DELETE FROM messages WHERE chat_id = $a AND message_id = $b", chatId, messageId);

    public IReadOnlyList<(StoredFile File, long Number)> LoadFiles() => Read(() =>
        Rows("SELECT file_id, unique_id, file_name, mime_type, content, path, number, bot_id, media FROM files ORDER BY number", r =>
            (new StoredFile(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), (byte[])r.GetValue(4), r.GetString(5))
            {
                BotId = r.IsDBNull(7) ? null : r.GetInt64(7),
                Media = NullableString(r, 8) is { } media ? JsonSerializer.Deserialize<MediaMeta>(media)! : MediaMeta.None,
            }, r.GetInt64(6))));

    public void AddFile(StoredFile file, long number) =>
        Write("INSERT INTO files (number, file_id, unique_id, file_name, mime_type, content, path, bot_id, media) VALUES ($a, $b, $c, $d, $e, $f, $g, $h, $i)",
            number, file.FileId, file.FileUniqueId, file.FileName, file.MimeType, file.Content, file.FilePath, file.BotId,
            file.Media == MediaMeta.None ? null : JsonSerializer.Serialize(file.Media));

    public IReadOnlyList<(string Scope, string Language, IReadOnlyList<BotCommandInfo> Commands)> LoadMenus() => Read(() =>
        Rows("SELECT scope, language, commands FROM menus", r =>
            (r.GetString(0), r.GetString(1), (IReadOnlyList<BotCommandInfo>)JsonSerializer.Deserialize<BotCommandInfo[]>(r.GetString(2))!)));

    public void SaveMenu(string scope, string language, IReadOnlyList<BotCommandInfo> commands)
    {
        if (commands.Count == 0) Write("DELETE FROM menus WHERE scope = $a AND language = $b", scope, language);
        else Write("INSERT INTO menus (scope, language, commands) VALUES ($a, $b, $c) ON CONFLICT (scope, language) DO UPDATE SET commands = excluded.commands",
            scope, language, JsonSerializer.Serialize(commands));
    }

    /// <summary>Updates the bot had not confirmed when the emulator stopped; Telegram keeps them for the next poll.</summary>
    public IReadOnlyList<(long Id, long ChatId, string Json)> LoadPendingUpdates() => Read(() =>
        Rows("SELECT id, chat_id, json FROM updates ORDER BY id", r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2))));

    public void AddUpdate(long id, long chatId, string json) => Write(
        """
        INSERT INTO updates (id, chat_id, json) VALUES ($a, $b, $c);
        INSERT INTO counters (name, value) VALUES ('update', $a) ON CONFLICT (name) DO UPDATE SET value = excluded.value;
        """,
        id, chatId, json);

    public void RemoveUpdate(long id) => Write("DELETE FROM updates WHERE id = $a", id);

    public void RemoveUpdatesBelow(long offset) => Write("DELETE FROM updates WHERE id < $a", offset);

    public void Dispose()
    {
        lock (gate)
        {
            closed = true;
            this.db.Dispose();
        }
    }

    private T Read<T>(Func<T> read)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(closed, this);
            return read();
        }
    }

    private void Write(string sql, params object?[] args)
    {
        lock (gate)
        {
            // A call that was still running when the emulator stopped has nowhere to go.
            if (closed) return;
            Run(this.db, sql, args);
        }
    }

    private List<T> Rows<T>(string sql, Func<SqliteDataReader, T> map)
    {
        using var command = Command(this.db, sql, []);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    private static object? Scalar(SqliteConnection db, string sql, params object?[] args)
    {
        using var command = Command(db, sql, args);
        return command.ExecuteScalar();
    }

    private static void Run(SqliteConnection db, string sql, params object?[] args)
    {
        using var command = Command(db, sql, args);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection db, string sql, object?[] args)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++) command.Parameters.AddWithValue("$" + (char)('a' + i), args[i] ?? DBNull.Value);
        return command;
    }

    private static string? NullableString(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
