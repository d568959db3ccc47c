using Microsoft.Extensions.Options;

namespace Falcon.Roles.Console;

[OptionsValidator]
internal sealed partial class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>;
