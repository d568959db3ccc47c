using Falcon.Roles.Alarm;
using Falcon.Tests.Integration.Servers;
using Falcon.Tests.Integration.Shared.Portal;
using Microsoft.Extensions.Hosting;

namespace Falcon.Tests.Integration.Roles.Alarm.Role;

/// <summary>A whole alarm role, built exactly as `falcon run --role alarm` builds it, on its own queues and keys.</summary>
internal sealed class AlarmInstance : RoleInstance
{
    private AlarmInstance(IHost host, string prefix)
        : base(host, AlarmRole.Name)
    {
        Prefix = prefix;
    }

    /// <summary>What this instance's queue names and Redis keys start with.</summary>
    public string Prefix { get; }

    public string Queue(int priority) => $"{Prefix}:event:p{priority}";

    public static async Task<AlarmInstance> StartAsync(RedisServer redis, PortalDatabase db, string prefix, string imWebhook, params string[] overrides)
    {
        string[] settings =
        [
            "alarm.httpListen=127.0.0.1:0",
            $"redis.connection={redis.Connection}",
            $"mysql.portal={db.Options.Portal}",
            $"mysql.uic={db.Options.Uic}",
            $"mysql.alarms={db.Options.Alarms}",
            $"alarm.consumer.instanceId={prefix}-a",
            $"alarm.consumer.highQueues.0={prefix}:event:p0",
            $"alarm.consumer.highQueues.1={prefix}:event:p1",
            $"alarm.consumer.lowQueues.0={prefix}:event:p3",
            $"alarm.consumer.registryKey={prefix}:consumers",
            $"alarm.consumer.deadLetterQueue={prefix}:deadletter",
            "alarm.consumer.pollInterval=00:00:00.050",
            $"alarm.routing.userSmsQueue={prefix}:/queue/user/sms",
            $"alarm.routing.userImQueue={prefix}:/queue/user/im",
            $"alarm.routing.userMailQueue={prefix}:/queue/user/mail",
            "alarm.im.provider=webhook",
            $"alarm.im.primary={imWebhook}",
            $"alarm.delivery.keyPrefix={prefix}:delivery",
            $"alarm.silences.keyPrefix={prefix}:silences",
            "alarm.silences.linkBaseUrl=https://alarm.example.com",
            "alarm.silences.linkSecret=0123456789abcdef0123456789abcdef-link-secret",
            "logging.logLevel.Default=Warning",
            .. overrides,
        ];
        return new AlarmInstance(await StartHostAsync(AlarmRole.Descriptor, settings), prefix);
    }
}
