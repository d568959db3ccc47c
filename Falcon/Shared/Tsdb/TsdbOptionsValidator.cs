using Microsoft.Extensions.Options;

namespace Falcon.Shared.Tsdb;

[OptionsValidator]
internal sealed partial class TsdbOptionsValidator : IValidateOptions<TsdbOptions>;
