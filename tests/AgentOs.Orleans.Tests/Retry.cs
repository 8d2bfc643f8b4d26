namespace AgentOs.Orleans.Tests;

/// <summary>Repeats a cluster call while the cluster notices a dead silo (a deadline, not a timing assertion).</summary>
internal static class Retry
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds (silo reports and deletions land asynchronously).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(200);
        }
    }
}
