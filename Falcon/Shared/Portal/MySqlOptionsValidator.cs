using Microsoft.Extensions.Options;

namespace Falcon.Shared.Portal;

/// <summary>Source-generated validator for <see cref="MySqlOptions"/> (data annotations and its own connection-string checks).</summary>
[OptionsValidator]
internal sealed partial class MySqlOptionsValidator : IValidateOptions<MySqlOptions>
{
}
