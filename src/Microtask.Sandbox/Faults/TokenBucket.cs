namespace Microtask.Sandbox.Faults;

/// <summary>A classic token bucket; refused takes say how many whole seconds until a token is back.</summary>
internal sealed class TokenBucket(double perSecond, double capacity, long now)
{
    private readonly double capacity = capacity;
    private double tokens = capacity;
    private long last = now;

    public bool TryTake(long now, double ticksPerSecond, out int retryAfter)
    {
        lock (this)
        {
            tokens = Math.Min(this.capacity, tokens + (now - last) / ticksPerSecond * perSecond);
            last = now;
            if (tokens >= 1)
            {
                tokens -= 1;
                retryAfter = 0;
                return true;
            }
            retryAfter = Math.Max(1, (int)Math.Ceiling((1 - tokens) / perSecond));
            return false;
        }
    }

    public void Refund()
    {
        lock (this) tokens = Math.Min(this.capacity, tokens + 1);
    }
}
