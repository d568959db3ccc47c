using Microsoft.Extensions.Options;

namespace Falcon.Roles.Alarm.Search;

[OptionsValidator]
internal sealed partial class AlarmSearchOptionsValidator : IValidateOptions<AlarmSearchOptions>;
