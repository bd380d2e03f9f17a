using System.Diagnostics;
using System.Reflection;

namespace Microtask.Bot.Tests.Resources;

/// <summary>
/// The texts' tables are their source (scripts/dev/resx.py writes the .resx files from them): the files in the
/// repository must be what the tables write, with both languages for every key and the same placeholders in each.
/// </summary>
public sealed class ResourceTableTests : IDisposable
{
    private static readonly string Root = typeof(ResourceTableTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private readonly string scratch = Path.Combine(Path.GetTempPath(), "microtask-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Every_resx_file_is_what_its_table_writes_in_both_languages_with_the_same_placeholders()
    {
        var (code, output) = await ResxAsync("--check");

        Assert.True(code == 0, output);
        Assert.Matches(@"resx: [1-9]\d* tables checked, 0 problems", output);
    }

    [Fact]
    public async Task The_check_names_a_stale_file_a_missing_translation_and_placeholders_that_differ()
    {
        var table = Table("""
            "Hello": ("Hi {0}, {1:d MMM}!", "Halo {0}, {1:d MMM}!"),
            "Braces": ("Use <code>{{{{field}}}}</code>", "Pakai <code>{{{{field}}}}</code>"),
            """);
        Assert.Equal(0, (await ResxAsync(table)).Code);
        Assert.Equal(0, (await ResxAsync("--check", table)).Code);

        var indonesian = Path.Combine(scratch, "Texts.id.resx");
        await File.WriteAllTextAsync(indonesian, (await File.ReadAllTextAsync(indonesian)).Replace("Halo", "Hai", StringComparison.Ordinal));
        var (code, output) = await ResxAsync("--check", table);
        Assert.Equal(1, code);
        Assert.Contains("Texts.id.resx: key Hello differs from the table", output);

        table = Table("""
            "Hello": ("Hi {0}, {1}!", "Halo {1}!"),
            "Bye": ("Bye", ""),
            "Thanks": ("Thanks",),
            """);
        (code, output) = await ResxAsync("--check", table);
        Assert.Equal(1, code);
        Assert.Contains("Hello: placeholders differ: English [0, 1], Indonesian [1]", output);
        Assert.Contains("Bye: no Indonesian text", output);
        Assert.Contains("Thanks: needs exactly two texts", output);
    }

    public void Dispose()
    {
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>A table of its own in a scratch folder, writing Texts.resx and Texts.id.resx there.</summary>
    private string Table(string entries)
    {
        Directory.CreateDirectory(scratch);
        var path = Path.Combine(scratch, "Texts.table.py");
        File.WriteAllText(path, $"NAME = r\"{Path.Combine(scratch, "Texts")}\"\nTEXTS = {{\n{entries}\n}}\n");
        return path;
    }

    private static async Task<(int Code, string Output)> ResxAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(Root, "scripts", "dev", "resx.py"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
