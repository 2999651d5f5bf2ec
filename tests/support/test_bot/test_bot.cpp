#include "tests/support/test_bot/test_bot.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "bot/http/http_server.hpp"
#include "bot/slack/curl_slack_api.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace escbot::test {
namespace {


void ReplaceLine(std::string& text, const std::string& starts_with, const std::string& line) {
    const size_t at = text.find("\n" + starts_with);
    if (at == std::string::npos) throw std::logic_error("example config has no line " + starts_with);
    const size_t end = text.find('\n', at + 1);
    text.replace(at + 1, end - at - 1, line);
}

}  // namespace

struct TestBot::Server {
    http::HttpServer http;
};

TestBot::TestBot() : TestBot(Options{}) {}

TestBot::TestBot(Options options)
    : options_(std::move(options)), clock_(options_.start), slack_(std::make_unique<FakeSlackServer>()) {
    std::string toml = ReadFile(SourceDir() / "config" / "escalation-bot.example.toml");
    ReplaceLine(toml, "path =", "path = \"" + (dir_ / "bot.sqlite3").string() + "\"");
    ReplaceLine(toml, "sop_file =", "sop_file = \"" + (SourceDir() / "config/sop/escalation.toml").string() + "\"");
    if (options_.edit_config) options_.edit_config(toml);
    config_path_ = (dir_ / "escalation-bot.toml").string();
    std::ofstream(config_path_) << toml;
    if (options_.prepare_slack) options_.prepare_slack(*slack_);
    Boot();
}

TestBot::~TestBot() { Shutdown(); }

void TestBot::Boot() {
    const config::Environment env = {{"SLACK_BOT_TOKEN", kBotToken},
                                     {"SLACK_SIGNING_SECRET", kSigningSecret},
                                     {"SLACK_API_BASE_URL", slack_->BaseUrl()}};
    std::string errors;
    auto loaded = app::LoadRuntimeConfig(config_path_, env, std::nullopt, errors);
    if (!loaded) throw std::runtime_error("test config does not load:\n" + errors);
    settings_ = loaded->settings;

    metrics_ = std::make_unique<metrics::Registry>();
    store_ = storage::sqlite::OpenSqliteStore(settings_->storage.path);
    slack::CurlSlackApiOptions api_options;
    api_options.base_url = settings_->slack.api_base_url;
    api_options.bot_token = settings_->secrets.bot_token;
    api_options.retry_base_delay = std::chrono::milliseconds(10);
    api_ = std::make_unique<slack::CurlSlackApi>(api_options, *metrics_);
    slack::OutboxWorkerOptions outbox_options;
    outbox_options.channel_post_interval = std::chrono::milliseconds(0);
    if (options_.edit_outbox) options_.edit_outbox(outbox_options);
    slack::CurlResponseUrlOptions respond_options;
    respond_options.allowed_origins = {slack::OriginOf(slack_->BaseUrl())};
    respond_ = std::make_unique<slack::CurlResponseUrlClient>(respond_options, *metrics_);
    bot_ = std::make_unique<app::Bot>(std::move(*loaded), clock_, *store_, *api_, *metrics_,
                                      outbox_options, respond_.get());

    http::ServerOptions server_options;
    server_options.signing_secret = kSigningSecret;
    // As `serve` does with its default single I/O thread: the server runs on the Web API
    // client's io_context.
    server_options.io_context = &api_->IoContext();
    server_options.health_detail = [this] { return bot_->HealthDetail(); };
    server_ = std::unique_ptr<Server>(new Server{http::HttpServer(
        server_options, clock_, [this](const routing::Inbound& in) { return bot_->Dispatch(in); },
        [this] { return bot_->Healthy(); }, *metrics_)});
    server_->http.Start();
    client_ = std::make_unique<SlackHttpClient>(server_->http.port(), kSigningSecret, clock_);
    client_->set_response_urls([this](std::string_view kind, const std::string& channel,
                                      const std::string& user) {
        return slack_->NewResponseUrl(kind, channel, user);
    });
}

void TestBot::Shutdown() {
    client_.reset();
    if (server_) server_->http.Stop(std::chrono::milliseconds(500));
    server_.reset();
    // Calls in flight end first (a views.open failure may still answer its user), then the
    // answers queued for response URLs, which call back into the bot.
    if (api_) api_->Stop();
    if (respond_) respond_->WaitIdle(std::chrono::seconds(2));
    bot_.reset();
    api_.reset();
    respond_.reset();
    store_.reset();
}

std::uint16_t TestBot::port() const { return server_->http.port(); }

void TestBot::Flush() {
    WaitForResponseUrls();
    bot_->Pump(std::chrono::seconds(5));
}

void TestBot::WaitForResponseUrls() { respond_->WaitIdle(std::chrono::seconds(5)); }

void TestBot::Advance(Seconds by) {
    clock_.Advance(by);
    Flush();
}

void TestBot::Restart() {
    Shutdown();
    Boot();
}

}  // namespace escbot::test
