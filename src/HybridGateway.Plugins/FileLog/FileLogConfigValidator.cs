using HybridGateway.Configuration.Plugins;
using HybridGateway.Configuration.Schema;
using HybridGateway.Plugins.Logging;

namespace HybridGateway.Plugins.FileLog;

/// <summary>Kong's filename check (no <c>*</c>, <c>&amp;</c>, <c>%</c>, <c>\</c> or backtick), and no Lua.</summary>
public sealed class FileLogConfigValidator : IPluginConfigValidator<FileLogConfig>
{
    public void Validate(FileLogConfig config, FieldErrors errors)
    {
        if (config.Path.Length == 0 || config.Path.Any(c => c is '*' or '&' or '%' or '\\' or '`' or '\0' or '\n' or '\r'))
        {
            errors.Add("path", "not a valid filename");
        }
        LogConfigChecks.NoLua(config.CustomFieldsByLua, errors);
    }
}
