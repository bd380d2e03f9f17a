namespace Microtask.Sandbox.Faults;

/// <summary>A classic token bucket; refused takes say how many whole seconds until a token is back.</summary>
internal sealed class TokenBucket(double perSecond, double capacity, long now)
{
    private readonly double _capacity = capacity;
    private double _tokens = capacity;
    private long _last = now;

    public bool TryTake(long now, double ticksPerSecond, out int retryAfter)
    {
        lock (this)
        {
            _tokens = Math.Min(_capacity, _tokens + (now - _last) / ticksPerSecond * perSecond);
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfter = 0;
                return true;
            }
            retryAfter = Math.Max(1, (int)Math.Ceiling((1 - _tokens) / perSecond));
            return false;
        }
    }

    public void Refund()
    {
        lock (this) _tokens = Math.Min(_capacity, _tokens + 1);
    }
}
