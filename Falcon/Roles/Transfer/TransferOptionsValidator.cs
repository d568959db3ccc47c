using Microsoft.Extensions.Options;

namespace Falcon.Roles.Transfer;

[OptionsValidator]
internal sealed partial class TransferOptionsValidator : IValidateOptions<TransferOptions>;
