using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Channels;

[OptionsValidator]
internal sealed partial class SmsOptionsValidator : IValidateOptions<SmsOptions>;
