namespace Falcon.Shared.Redis;

/// <summary>The `redis` section: one StackExchange.Redis configuration string for the whole process.</summary>
internal sealed class RedisOptions
{
    public const string SectionName = "redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. `127.0.0.1:6379,password=x` or several cluster nodes.</summary>
    [RedisConnection]
    public string Connection { get; set; } = "127.0.0.1:6379";
}
