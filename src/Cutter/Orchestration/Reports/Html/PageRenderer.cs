using System.Text;
using Cutter.Orchestration.State;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cutter.Orchestration.Reports.Html;

/// <summary>Renders a page component to a static HTML document with ASP.NET Core's <see cref="HtmlRenderer"/>, which escapes every text and attribute value.</summary>
internal static class PageRenderer
{
    public static async Task<string> RenderAsync<TPage>(string parameterName, object model) where TPage : IComponent
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [parameterName] = model });
            var output = await renderer.RenderComponentAsync<TPage>(parameters);
            return output.ToHtmlString();
        });
    }

    /// <summary>Renders and writes the page atomically (a reader never sees half a page); returns the path.</summary>
    public static async Task<string> WriteAsync<TPage>(string path, string parameterName, object model) where TPage : IComponent
    {
        var html = await RenderAsync<TPage>(parameterName, model);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        SidecarStore.WriteAtomically(path, Encoding.UTF8.GetBytes(html));
        return path;
    }
}
