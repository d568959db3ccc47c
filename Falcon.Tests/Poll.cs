namespace Falcon.Tests;

/// <summary>Waits for a condition instead of sleeping a fixed time; fails with a clear message at the deadline.</summary>
internal static class Poll
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Checks <paramref name="condition"/> every <paramref name="interval"/> (20 ms unless given) until it holds.</summary>
    /// <remarks>A condition that is costly to check (a COUNT over a large table) deserves a longer interval, so the
    /// polling does not slow down the work it waits for.</remarks>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"condition not met within {timeout ?? DefaultTimeout}: {what ?? "(no description)"}");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>Calls <paramref name="get"/> until its result satisfies <paramref name="accept"/> (exceptions count as not yet).</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T>> get, Func<T, bool> accept, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        Exception? last = null;
        while (DateTime.UtcNow <= deadline)
        {
            try
            {
                var value = await get();
                if (accept(value))
                {
                    return value;
                }
            }
            catch (Exception e) when (e is not AssertionException)
            {
                last = e;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"no acceptable value within {timeout ?? DefaultTimeout}", last);
    }
}
