# Microtask.Bot container image.
#   docker build -t microtask-bot .
#   docker compose up            (bot + PostgreSQL + Redis, see docker-compose.yml)

# ---- build -----------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Restore first, from the props and project files only, so that the restore layer is reused
# while only sources change (Directory.Build.props, Directory.Packages.props). Every project
# lives in src/<Name>/<Name>.csproj.
COPY *.props ./
COPY src/*/*.csproj src/
RUN for f in src/*.csproj; do d="src/$(basename "$f" .csproj)"; mkdir -p "$d" && mv "$f" "$d/"; done
RUN dotnet restore src/Microtask.Bot/Microtask.Bot.csproj

COPY src/ src/
RUN dotnet publish src/Microtask.Bot/Microtask.Bot.csproj -c Release -o /app --no-restore

# ---- runtime ---------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY config/ ./config/
# data/ holds the embedded SQLite file when no connection strings are configured.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID
# Urls, not ASPNETCORE_URLS: the bot reads its settings from config/appsettings.json (which says 127.0.0.1:8080) and
# the environment without a prefix, so only Urls overrides it; the container's loopback is reached by no one.
ENV Urls=http://0.0.0.0:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
ENTRYPOINT ["dotnet", "Microtask.Bot.dll"]
