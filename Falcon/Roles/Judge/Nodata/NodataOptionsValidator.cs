using Microsoft.Extensions.Options;

namespace Falcon.Roles.Judge.Nodata;

[OptionsValidator]
internal sealed partial class NodataOptionsValidator : IValidateOptions<NodataOptions>;
