using Microsoft.Extensions.Options;

namespace Falcon.Roles.Judge;

[OptionsValidator]
internal sealed partial class JudgeOptionsValidator : IValidateOptions<JudgeOptions>;
