using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Microtask.Bot.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide while a logger factory belongs to one host. When a host stops
/// (tests run several in one process) its factory is disposed; Hangfire must then log nothing rather than throw.
/// </summary>
internal sealed class HangfireLogs(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new Logger(factory, name);

    private sealed class Logger(ILoggerFactory factory, string name) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                var logger = factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }

                logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static LogLevel Map(HangfireLevel level) => level switch
        {
            HangfireLevel.Trace => LogLevel.Trace,
            HangfireLevel.Debug => LogLevel.Debug,
            HangfireLevel.Info => LogLevel.Information,
            HangfireLevel.Warn => LogLevel.Warning,
            HangfireLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }
}
