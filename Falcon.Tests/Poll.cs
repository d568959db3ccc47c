namespace Falcon.Tests;

/// <summary>Waits for a condition instead of sleeping a fixed time; fails with a clear message at the deadline.</summary>
internal static class Poll
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"condition not met within {timeout ?? DefaultTimeout}: {what ?? "(no description)"}");
            }

            await Task.Delay(20);
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
