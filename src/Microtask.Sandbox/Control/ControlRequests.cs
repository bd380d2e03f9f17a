using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Microtask.Sandbox.Control;

/// <summary>
/// Reads the control API's request bodies, turning every way they can be wrong into a short JSON error with the
/// status that says why (415 for the wrong content type, 400 for a malformed body) instead of an exception.
/// </summary>
internal static class ControlRequests
{
    public static async Task<(T? Body, IResult? Refusal)> JsonAsync<T>(HttpRequest request) where T : class
    {
        if (!request.HasJsonContentType()) return (null, Error(StatusCodes.Status415UnsupportedMediaType, "send the body as application/json"));
        try
        {
            var body = await request.ReadFromJsonAsync<T>(ControlEndpoints.Json, request.HttpContext.RequestAborted);
            return body is null ? (null, Error(StatusCodes.Status400BadRequest, "the body must be a JSON object")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, Error(StatusCodes.Status400BadRequest, $"the body is not the JSON object this call takes (at {e.Path ?? "$"})"));
        }
    }

    /// <summary>A multipart form with a 'file' part whose name a chat can show (no line breaks or other control characters).</summary>
    public static async Task<(IFormCollection? Form, IFormFile? File, IResult? Refusal)> UploadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (null, null, Error(StatusCodes.Status415UnsupportedMediaType, "send multipart/form-data with a 'file' part"));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // Among others, a raw line break inside a part's headers (its file name, say).
            return (null, null, Error(StatusCodes.Status400BadRequest, "malformed multipart body; a file name may not hold a line break"));
        }
        if (form.Files.GetFile("file") is not { } file) return (null, null, Error(StatusCodes.Status400BadRequest, "a 'file' part is required"));
        if (file.FileName.Any(char.IsControl))
            return (null, null, Error(StatusCodes.Status400BadRequest, "the file name may not hold a line break or another control character"));
        return (form, file, null);
    }

    public static IResult Error(int status, string detail) => Results.Json(new { error = detail }, ControlEndpoints.Json, statusCode: status);
}
