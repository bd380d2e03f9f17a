using System.Globalization;
using Microtask.Core;
using Microtask.Core.Quality;

namespace Microtask.Benchmarks;

/// <summary>
/// --aggregation DIR: how often the results' aggregation finds the known answer on public crowd data sets. DIR holds
/// one folder per data set in the layout of Zheng et al. (PVLDB 2017, "Truth Inference in Crowdsourcing: Is the Problem
/// Solved?"): <c>answer.csv</c> (question, worker, answer) and <c>truth.csv</c> (question, truth). The sets are not
/// shipped in the repository: their source gives no licence to redistribute them. Reports the accuracy, over the
/// questions with a known truth, of majority vote, of Dawid–Skene, and of what /results gives (Dawid–Skene for tasks of
/// three answers or more, majority vote below).
/// </summary>
internal static class AggregationBench
{
    public static int Run(string directory)
    {
        Console.WriteLine("| data set | questions (with truth) | workers | answers | classes | majority vote | Dawid–Skene | /results |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(folder, "answer.csv")) || !File.Exists(Path.Combine(folder, "truth.csv")))
            {
                continue;
            }

            var questions = new Dictionary<string, long>(StringComparer.Ordinal);
            long Id(string question) => questions.TryGetValue(question, out var id) ? id : questions[question] = questions.Count + 1;
            var answers = Rows(Path.Combine(folder, "answer.csv")).Select(r => new AnswerRecord(Id(r[0]), r[1], r[2])).ToList();
            var truth = Rows(Path.Combine(folder, "truth.csv")).Where(r => questions.ContainsKey(r[0])).ToDictionary(r => questions[r[0]], r => r[1]);
            var classes = answers.Select(a => a.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

            string Accuracy(IEnumerable<AggregatedAnswer> results)
            {
                var byTask = results.ToDictionary(a => a.TaskId, a => a.Value);
                var right = truth.Count(t => byTask.GetValueOrDefault(t.Key) == t.Value);
                return ((double)right / truth.Count).ToString("0.000", CultureInfo.InvariantCulture);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Path.GetFileName(folder)} | {questions.Count:N0} ({truth.Count:N0}) | {answers.Select(a => a.WorkerKey).Distinct().Count():N0} | {answers.Count:N0} | {classes.Count} | " +
                $"{Accuracy(MajorityVote.Aggregate(answers))} | {Accuracy(DawidSkene.Aggregate(answers, classes).Answers)} | {Accuracy(Aggregation.Choose(AnswerKind.SingleChoice, classes, answers))} |"));
        }

        return 0;
    }

    /// <summary>The data rows of a plain comma-separated file with a header (these sets quote nothing).</summary>
    private static IEnumerable<string[]> Rows(string path) =>
        File.ReadLines(path).Skip(1).Where(line => line.Length > 0).Select(line => line.Split(',').Select(c => c.Trim()).ToArray());
}
