using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microtask.Core;

namespace Microtask.Bot.Tests.Api;

/// <summary>
/// The curl example in docs/api.md, run request by request through HttpClient against the real host: its variables,
/// its here-document, its curl options and its jq read as a shell would, with the test's address, token and project.
/// </summary>
public abstract partial class DocsExampleTests(string backend)
    : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Requesters:0"] = "100001" })
{
    private static readonly string Root = typeof(DocsExampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    [GeneratedRegex(@"\$\{?([A-Z_]+)\}?")]
    private static partial Regex Variable();

    [Fact]
    public async Task The_curl_example_in_the_api_docs_works_as_written()
    {
        var requester = await Bot.WorkerAsync("Rini", "en");
        var projectId = await Bot.ProjectAsync(AnswerKind.FreeText, tasks: 1, overlap: 1);
        await Bot.ScalarAsync($"UPDATE projects SET requester_id = (SELECT id FROM workers WHERE telegram_id = {requester.Id}) WHERE id = {projectId}");
        var doc = await File.ReadAllTextAsync(Path.Combine(Root, "docs", "api.md"));
        var script = doc[(doc.IndexOf("```sh\n", StringComparison.Ordinal) + 6)..];
        var lines = script[..script.IndexOf("```", StringComparison.Ordinal)].Split('\n');
        var vars = new Dictionary<string, string>
        {
            ["API"] = new Uri(ApiClient.Address(Bot), "/api/v1").ToString(),
            ["TOKEN"] = await ApiClient.NewTokenAsync(requester, "ci"),
            ["PROJECT"] = projectId.ToString(CultureInfo.InvariantCulture),
        };
        var files = new Dictionary<string, string>();
        using var http = new HttpClient();
        var requests = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (Regex.Match(line, @"^cat > (\S+) <<'(\w+)'$") is { Success: true } here)
            {
                var body = new StringBuilder();
                for (i++; lines[i] != here.Groups[2].Value; i++)
                {
                    body.Append(lines[i]).Append('\n');
                }

                files[here.Groups[1].Value] = body.ToString();
            }
            else if (Regex.Match(line, @"^(\w+)=\$\((curl .*) \| jq -r \.(\w+)\)$") is { Success: true } captured)
            {
                var json = JsonDocument.Parse(await CurlAsync(http, captured.Groups[2].Value, vars, files)).RootElement;
                vars[captured.Groups[1].Value] = json.GetProperty(captured.Groups[3].Value).ToString();
                requests++;
            }
            else if (line.StartsWith("curl ", StringComparison.Ordinal))
            {
                await CurlAsync(http, line.Split(" > ")[0], vars, files);
                requests++;
            }
            else if (Regex.Match(line, @"^(\w+)=(\S+)$") is { Success: true } set && !vars.ContainsKey(set.Groups[1].Value))
            {
                vars[set.Groups[1].Value] = set.Groups[2].Value;
            }
        }

        Assert.Equal(4, requests);
        Assert.Equal(3, await Bot.ScalarAsync($"SELECT COUNT(*) FROM tasks WHERE project_id = {projectId}"));
    }

    /// <summary>Runs one curl command line (-s, -D, -X, -H, --data-binary @file, a URL); its body, after checking a 2xx status.</summary>
    private static async Task<string> CurlAsync(HttpClient http, string command, Dictionary<string, string> vars, Dictionary<string, string> files)
    {
        var words = Words(command).Select(w => Variable().Replace(w, m => vars[m.Groups[1].Value])).ToList();
        var request = new HttpRequestMessage(HttpMethod.Get, (Uri?)null);
        var headers = new List<(string, string)>();
        for (var i = 1; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "-s":
                    break;
                case "-D":
                    i++;
                    break;
                case "-X":
                    request.Method = new HttpMethod(words[++i]);
                    break;
                case "-H":
                    var header = words[++i].Split(':', 2);
                    headers.Add((header[0].Trim(), header[1].Trim()));
                    break;
                case "--data-binary":
                    request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(files[words[++i].TrimStart('@')]));
                    request.Method = HttpMethod.Post;
                    break;
                default:
                    request.RequestUri = new Uri(words[i]);
                    break;
            }
        }

        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{command}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Shell words: split on spaces outside quotes, quotes removed.</summary>
    private static IEnumerable<string> Words(string line)
    {
        var word = new StringBuilder();
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is null && c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == quote)
            {
                quote = null;
            }
            else if (c == ' ' && quote is null)
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}

public sealed class EmbeddedDocsExampleTests() : DocsExampleTests("Embedded");

public sealed class PostgresDocsExampleTests() : DocsExampleTests("Postgres");
