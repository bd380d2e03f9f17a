using Microtask.Core;

namespace Microtask.Bot.Tests.Workers;

/// <summary>The sample project's answers read in each worker's language, and are stored as one value whatever it was.</summary>
public abstract class AnswerLabelTests(string backend)
    : BotTest(backend, new Dictionary<string, string?> { ["Microtask:SampleProject:Enabled"] = "true" })
{
    [Fact]
    public async Task The_sample_speaks_the_workers_language_and_stores_the_same_value()
    {
        var sari = await Bot.WorkerAsync("Sari", "id");
        var alex = await Bot.WorkerAsync("Alex", "en");

        var forSari = await sari.SendAsync("/task");
        var forAlex = await alex.SendAsync("/task");
        Assert.Equal(["lingkaran", "persegi", "segitiga"], forSari.Keyboard[0].Select(b => b.Text));
        Assert.Equal(["circle", "square", "triangle"], forAlex.Keyboard[0].Select(b => b.Text));

        await sari.AnswerAsync(forSari, option: 2);
        await alex.AnswerAsync(forAlex, option: 2);
        Assert.Contains("Tersimpan: segitiga", sari.Message(forSari.MessageId).PlainText);
        Assert.Contains("Saved: triangle", alex.Message(forAlex.MessageId).PlainText);
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers WHERE value = 'triangle'"));
    }
}

public sealed class EmbeddedAnswerLabelTests() : AnswerLabelTests("Embedded");

public sealed class PostgresAnswerLabelTests() : AnswerLabelTests("Postgres");
