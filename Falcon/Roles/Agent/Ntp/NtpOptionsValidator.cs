using Microsoft.Extensions.Options;

namespace Falcon.Roles.Agent.Ntp;

[OptionsValidator]
internal sealed partial class NtpOptionsValidator : IValidateOptions<NtpOptions>;
