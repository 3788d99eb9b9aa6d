using MudBlazor;

namespace Ecommerce.Web.Components.Shared;

/// <summary>The consoles' two kinds of confirmation: a plain yes/no, and one that asks for a reason.</summary>
internal static class ConsoleDialogs
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    /// <summary>True when the user confirmed.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirmText) =>
        await dialogs.ShowMessageBoxAsync(title, message, yesText: confirmText, cancelText: "Cancel", options: Options) == true;

    /// <summary>The reason given, trimmed; null when the user cancelled.</summary>
    public static async Task<string?> AskReasonAsync(this IDialogService dialogs, string title, string confirmText,
        string placeholder = "Why?", bool required = true, Color confirmColor = Color.Error)
    {
        var parameters = new DialogParameters<ReasonDialog>
        {
            { d => d.Title, title },
            { d => d.ConfirmText, confirmText },
            { d => d.Placeholder, placeholder },
            { d => d.Required, required },
            { d => d.ConfirmColor, confirmColor },
        };
        var dialog = await dialogs.ShowAsync<ReasonDialog>(title, parameters, Options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string reason } ? reason : null;
    }
}
