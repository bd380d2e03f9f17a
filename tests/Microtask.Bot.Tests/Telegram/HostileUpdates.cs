using System.Text;
using System.Text.Json.Nodes;

namespace Microtask.Bot.Tests.Telegram;

/// <summary>One POST at the webhook: its body, the secret header (null: none) and the status the bot must answer.</summary>
public sealed record HostileRequest(string Kind, byte[] Body, string? Secret, int ExpectedStatus);

/// <summary>A worker the stream aims at: their live assignments and the message that shows them.</summary>
public sealed record HostileVictim(long UserId, IReadOnlyList<long> AssignmentIds, long MessageId);

/// <summary>
/// A deterministic (seeded) stream of hostile webhook requests: random JSON, mutated valid updates (fields removed,
/// wrong types, huge numbers, negative ids), 1 MB texts, unknown update kinds, forged button data (others' assignments,
/// out-of-range options, garbage, over 64 bytes), documents that lie about their type (a requester's real uploads
/// among them, see <see cref="HostileRequester"/>), wrong or missing secrets,
/// bodies that are not JSON, and bodies over the limit. Nothing in it is a legitimate action on the victims' data:
/// victims only send presses that must be refused; strangers may do anything, and only
/// <see cref="Started"/> sent a well-formed /start. Update ids start at 1.5e9, far from the emulator's own.
/// </summary>
public sealed partial class HostileUpdates(int seed, string secret, IReadOnlyList<HostileVictim> victims, long oversizedBytes, HostileRequester? requester = null)
{
    private const long FirstUpdateId = 1_500_000_000;
    private const long StrangerBase = 5_000_000_000;
    private static readonly string[] Kinds =
    [
        "random-json", "not-json", "mutated", "huge-text", "unknown-kind", "forged-callback", "lying-document",
        "wrong-secret", "oversized", "stranger-start", "stranger-text",
    ];

    private static readonly int[] Weights = [12, 10, 22, 1, 10, 20, 10, 6, 1, 2, 6];

    private static readonly string[] UnknownKinds =
    [
        "edited_message", "channel_post", "edited_channel_post", "inline_query", "chosen_inline_result", "shipping_query",
        "pre_checkout_query", "poll", "poll_answer", "my_chat_member", "chat_member", "chat_join_request", "message_reaction",
        "message_reaction_count", "chat_boost", "removed_chat_boost", "business_connection", "business_message",
        "deleted_business_messages", "purchased_paid_media", "future_kind_2030", "",
    ];

    private readonly Random random = new(seed);
    private readonly HashSet<long> started = [];
    private long next = FirstUpdateId;
    private byte[]? oversized;

    /// <summary>Strangers who sent a well-formed /start: the only workers the stream may create.</summary>
    public IReadOnlySet<long> Started => started;

    public HostileRequest Next()
    {
        var kind = Pick();
        return kind switch
        {
            "random-json" => Ok(kind, Encoding.UTF8.GetBytes(RandomJson(0).ToJsonString())),
            "not-json" => Ok(kind, NotJson()),
            "mutated" => Ok(kind, Utf8(Mutate(ValidUpdate()))),
            "huge-text" => Ok(kind, Utf8(Message(Stranger(), HugeText()))),
            "unknown-kind" => Ok(kind, Utf8(UnknownKind())),
            "forged-callback" => Ok(kind, Utf8(ForgedCallback())),
            "lying-document" => Ok(kind, Utf8(LyingDocument())),
            "wrong-secret" => new(kind, Utf8(Message(Stranger(), "/start")), WrongSecret(), 401),
            "oversized" => new(kind, oversized ??= Oversized(), secret, 413),
            "stranger-start" => Ok(kind, Utf8(Start())),
            _ => Ok(kind, Utf8(Message(Stranger(), StrangerText()))),
        };
    }

    private HostileRequest Ok(string kind, byte[] body) => new(kind, body, secret, 200);

    private static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private string Pick()
    {
        var roll = random.Next(Weights.Sum());
        for (var i = 0; i < Kinds.Length; i++)
        {
            if ((roll -= Weights[i]) < 0)
            {
                return Kinds[i];
            }
        }

        return Kinds[^1];
    }

    private long UpdateId() => next++;

    private long Stranger() => StrangerBase + random.NextInt64(1_000_000_000);

    private HostileVictim Victim() => victims[random.Next(victims.Count)];

    private static JsonObject From(long userId, string? language = "en") =>
        new() { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Mallory", ["language_code"] = language };

    private static JsonObject Chat(long chatId) => new() { ["id"] = chatId, ["type"] = "private", ["first_name"] = "Mallory" };

    private JsonObject Message(long userId, string text) => new()
    {
        ["update_id"] = UpdateId(),
        ["message"] = new JsonObject
        {
            ["message_id"] = random.Next(1, 1_000_000),
            ["date"] = 1_700_000_000,
            ["chat"] = Chat(userId),
            ["from"] = From(userId),
            ["text"] = text,
        },
    };

    private JsonObject Start()
    {
        var stranger = Stranger();
        started.Add(stranger);
        // Deep-link payloads and the bot's @name are part of a well-formed /start.
        var start = Message(stranger, random.Next(3) switch { 0 => "/start", 1 => "/start ref_" + random.Next(), _ => "/start@microtask_bot" });
        start["message"]!["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = 6 });
        return start;
    }

    private string StrangerText() => random.Next(8) switch
    {
        0 => "/task",
        1 => "/me",
        2 => "/withdraw 100000000",
        3 => "/ban 100001 forever",
        4 => "/topup 100001 99999999999",
        5 => "/newproject",
        6 => "/help@other_bot " + new string('x', random.Next(100)),
        _ => RandomText(random.Next(1, 200)),
    };

    /// <summary>A well-formed update for the mutator to break: a stranger's message, a press, a document.</summary>
    private JsonObject ValidUpdate() => random.Next(3) switch
    {
        0 => Message(Stranger(), StrangerText()),
        1 => Callback(Stranger(), Stranger(), random.Next(1, 1000), "n"),
        _ => Document(Stranger(), "tasks.csv", "text/csv"),
    };

    private JsonObject Mutate(JsonObject update)
    {
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var slots = new List<(JsonNode Parent, object Key)>();
            Collect(update, slots);
            if (slots.Count == 0)
            {
                break; // everything removed already
            }

            var (parent, key) = slots[random.Next(slots.Count)];
            var replacement = random.Next(10) switch
            {
                0 => null,
                1 => JsonValue.Create(-random.NextInt64(1, long.MaxValue)),
                2 => JsonNode.Parse("123456789012345678901234567890"),
                3 => JsonNode.Parse("1e400"),
                4 => JsonValue.Create(RandomText(random.Next(0, 50))),
                5 => new JsonArray(1, "two", null),
                6 => new JsonObject { ["nested"] = new JsonObject() },
                7 => JsonValue.Create(random.Next(2) == 0),
                8 => JsonValue.Create(long.MinValue),
                _ => JsonValue.Create(0.5),
            };
            if (random.Next(4) == 0 && parent is JsonObject o)
            {
                o.Remove((string)key); // the field removed instead
            }
            else if (parent is JsonObject obj)
            {
                obj[(string)key] = replacement;
            }
            else
            {
                ((JsonArray)parent)[(int)key] = replacement;
            }
        }

        // The update's own id stays ours unless the mutator broke it, so a redelivery of the emulator's ids is never faked.
        return update;
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> slots)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, child) in o.ToList())
            {
                slots.Add((o, key));
                if (child is not null)
                {
                    Collect(child, slots);
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                slots.Add((a, i));
                if (a[i] is { } child)
                {
                    Collect(child, slots);
                }
            }
        }
    }

    private JsonNode RandomJson(int depth)
    {
        var choice = depth > 3 ? random.Next(5) : random.Next(7);
        return choice switch
        {
            0 => JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue)),
            1 => JsonValue.Create(RandomText(random.Next(0, 30))),
            2 => JsonValue.Create(random.NextDouble() * 1e300),
            3 => JsonValue.Create(random.Next(2) == 0),
            4 => JsonValue.Create(random.Next(2) == 0 ? "update_id" : "message")!,
            5 => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => (JsonNode?)RandomJson(depth + 1)).ToArray()),
            _ => RandomObject(depth),
        };
    }

    private JsonObject RandomObject(int depth)
    {
        string[] keys = ["update_id", "message", "callback_query", "from", "chat", "id", "text", "data", "document", "type", "x"];
        var o = new JsonObject();
        foreach (var key in keys.OrderBy(_ => random.Next()).Take(random.Next(1, 5)))
        {
            o[key] = RandomJson(depth + 1);
        }

        return o;
    }

    private byte[] NotJson()
    {
        switch (random.Next(9))
        {
            case 0: return [];
            case 1:
                var bytes = new byte[random.Next(1, 4096)];
                random.NextBytes(bytes);
                return bytes;
            case 2: return Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><update><id>1</id></update>");
            case 3: return Encoding.UTF8.GetBytes("update_id=1&message=%2Fstart");
            case 4:
                var whole = Utf8(Message(Stranger(), "/start"));
                return whole[..random.Next(1, whole.Length - 1)]; // truncated mid-way
            case 5: return Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)); // nested past any depth limit
            case 6: return [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"update_id\":"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("}")];
            case 7: return Encoding.Unicode.GetBytes("{\"update_id\": 1}"); // UTF-16
            default: return Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "null" : "\"just a string\"");
        }
    }

    private string HugeText() => new('x', 1_000_000 - random.Next(1000));

    private JsonObject UnknownKind()
    {
        var kind = UnknownKinds[random.Next(UnknownKinds.Length)];
        var from = random.Next(2) == 0 ? Victim().UserId : Stranger();
        var payload = random.Next(2) == 0
            ? new JsonObject { ["message_id"] = 1, ["date"] = 0, ["chat"] = Chat(from), ["from"] = From(from), ["text"] = "/start" }
            : RandomObject(1);
        return new JsonObject { ["update_id"] = UpdateId(), [kind] = payload };
    }

    private JsonObject Callback(long userId, long chatId, long messageId, string? data)
    {
        var query = new JsonObject
        {
            ["id"] = random.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["from"] = From(userId),
            ["message"] = new JsonObject { ["message_id"] = messageId, ["date"] = 1_700_000_000, ["chat"] = Chat(chatId) },
            ["chat_instance"] = "-1",
        };
        if (data is not null)
        {
            query["data"] = data;
        }

        return new JsonObject { ["update_id"] = UpdateId(), ["callback_query"] = query };
    }

    /// <summary>
    /// A press no honest button makes. Victims press only what must be refused (others' assignments, options out of
    /// range, garbage, admin-only buttons); strangers may press anything, valid-looking or not.
    /// </summary>
    private JsonObject ForgedCallback()
    {
        var victim = Victim();
        var other = victims.Where(v => v.UserId != victim.UserId).SelectMany(v => v.AssignmentIds).DefaultIfEmpty(999_999).ToList();
        var theirs = other[random.Next(other.Count)];
        var own = victim.AssignmentIds.Count > 0 ? victim.AssignmentIds[random.Next(victim.AssignmentIds.Count)] : 1;
        string?[] refused =
        [
            $"a:{theirs}:0", $"s:{theirs}", $"r:{theirs}", $"rr:{theirs}:0", $"x:{theirs}",
            $"a:{own}:{random.Next(9, 1000)}", $"a:{own}:-1", $"a:{own}", $"a:{own}:0:0", $"a:{own}:x", "a:99999999999999999999:0", "a:0:0",
            $"a:-{own}:0", "pya:1", "pyr:1", "q:0:1", "q:1:1", "b:0:1", "b:2:1", "bi:1", "pa:1", "pk:99", "l:xx",
            RandomText(random.Next(1, 64)), new string('a', random.Next(65, 300)), $"a:{own}:0" + new string(' ', 64), "", null,
        ];
        if (random.Next(2) == 0)
        {
            return Callback(victim.UserId, victim.UserId, random.Next(2) == 0 ? victim.MessageId : random.Next(1, 1000), refused[random.Next(refused.Length)]);
        }

        var stranger = Stranger();
        string?[] anything = [.. refused, "n", "c", "l:en", "l:id", $"a:{own}:0", $"s:{own}", $"x:{own}", $"rr:{own}:1", "pv", "pq", "pk:1"];
        // A stranger's press in a victim's chat, or in their own.
        var chat = random.Next(2) == 0 ? victim.UserId : stranger;
        return Callback(stranger, chat, victim.MessageId, anything[random.Next(anything.Length)]);
    }

    private string? WrongSecret() => random.Next(5) switch
    {
        0 => null,
        1 => "",
        2 => secret + "x",
        3 => secret[..^1],
        _ => new string('s', 300),
    };

    private byte[] Oversized()
    {
        var size = (int)oversizedBytes;
        var body = new byte[size];
        Array.Fill(body, (byte)' ');
        Encoding.UTF8.GetBytes("{\"update_id\":1,\"message\":{\"text\":\"").CopyTo(body, 0);
        return body;
    }

    private string RandomText(int length)
    {
        const string Alphabet = "abcxyzABC019 _-:/@#<>&\"'\\\u00e9\u4e2d\ud83d\ude00\u0000\u202e";
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }
}
