using Microsoft.Extensions.Options;

namespace Falcon.Shared.Redis;

[OptionsValidator]
internal sealed partial class RedisOptionsValidator : IValidateOptions<RedisOptions>;
