using System.Diagnostics.Metrics;

namespace Microtask.Bot.Shared;

/// <summary>
/// The bot's one meter, exported at /metrics (OpenTelemetry's Prometheus names in brackets). Recording is an add to a
/// counter with constant string tags: nothing per update touches the database or builds strings. The workload gauges
/// read a snapshot that <see cref="WorkloadGauges"/> refreshes from the database every few seconds.
/// </summary>
internal sealed class BotMetrics
{
    public const string MeterName = "Microtask.Bot";

    private readonly Counter<long> updates;
    private readonly Histogram<double> latency;
    private readonly Counter<long> answers;
    private readonly Counter<long> sent;
    private readonly Counter<long> refused;
    private volatile Workload? workload;

    public BotMetrics(IMeterFactory meters)
    {
        // From the host's factory, not a static Meter: it goes away with the host (tests run several in one process).
        var meter = meters.Create(MeterName);
        // [microtask_updates_handled_total{kind, outcome}]
        updates = meter.CreateCounter<long>("microtask.updates.handled", "{update}", "Updates taken from Telegram, by kind and outcome");
        // [microtask_update_duration_seconds_bucket{kind}]
        latency = meter.CreateHistogram<double>("microtask.update.duration", "s", "Time to handle one update, replies included",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        // [microtask_answers_accepted_total]: answers per second is rate() of it.
        answers = meter.CreateCounter<long>("microtask.answers.accepted", "{answer}", "Answers stored and confirmed to workers");
        // [microtask_telegram_sent_total{method}], [microtask_telegram_refused_total{method, error_code}]
        sent = meter.CreateCounter<long>("microtask.telegram.sent", "{call}", "Bot API calls Telegram accepted, by method");
        refused = meter.CreateCounter<long>("microtask.telegram.refused", "{call}", "Bot API calls Telegram refused, by method and error code (each try)");
        // [microtask_leases_live], [microtask_tasks_waiting], [microtask_hangfire_jobs_failed]
        meter.CreateObservableGauge("microtask.leases.live", () => Read(w => w.LiveLeases), "{lease}", "Assignments being worked on now");
        meter.CreateObservableGauge("microtask.tasks.waiting", () => Read(w => w.TasksWaiting), "{task}", "Tasks of active projects with a free slot");
        meter.CreateObservableGauge("microtask.hangfire.jobs.failed", () => Read(w => w.FailedJobs), "{job}", "Hangfire jobs in the Failed state");
    }

    public static class Kind
    {
        public const string Message = "message";
        public const string Callback = "callback";
        public const string Other = "other";
    }

    public static class Outcome
    {
        public const string Handled = "handled";
        public const string Duplicate = "duplicate";
        public const string Failed = "failed";
        public const string Cancelled = "cancelled";
    }

    public void UpdateHandled(string kind, string outcome, double seconds)
    {
        updates.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));
        latency.Record(seconds, new KeyValuePair<string, object?>("kind", kind));
    }

    public void AnswerAccepted() => answers.Add(1);

    public void Sent(string method) => sent.Add(1, new KeyValuePair<string, object?>("method", method));

    public void Refused(string method, int errorCode) =>
        refused.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("error_code", errorCode));

    public void SetWorkload(Workload latest) => workload = latest;

    /// <summary>No measurement until the first read: a zero would claim an empty queue.</summary>
    private IEnumerable<Measurement<long>> Read(Func<Workload, long?> value) =>
        workload is { } w && value(w) is { } v ? [new Measurement<long>(v)] : [];
}

/// <summary>What the gauges show; a part that could not be read this time is null.</summary>
internal sealed record Workload(long? LiveLeases, long? TasksWaiting, long? FailedJobs);
