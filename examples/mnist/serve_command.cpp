#include "serve_command.hpp"

#include "digit_api.hpp"
#include "model_source.hpp"

#include <fmt/core.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <pthread.h>
#include <thread>

namespace chainrule::mnist_cli {

CLI::App* add_serve_command(CLI::App& app, ServeArgs& a) {
    CLI::App* cmd = app.add_subcommand("serve", "Serve the digit page: draw a digit, the network says which (127.0.0.1 only)");
    cmd->add_option("--params", a.params,
                    std::string("Trained parameters (JSON of --save); trained and saved there first when missing (default ") +
                        kDefaultParams + ")")
        ->type_name("FILE");
    cmd->add_option("--port", a.port, "Port on 127.0.0.1; 0 picks a free one (printed)")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    cmd->add_option("--data", a.data, "Digits to train on when the parameter file is missing (default data/mnist)");
    return cmd;
}

namespace {

// SIGINT and SIGTERM are blocked in every thread (httplib's workers inherit the mask) and
// taken by one waiting thread, which stops the server: no work in a signal handler.
sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

int bind(httplib::Server& server, int port) {
    if (port == 0) return server.bind_to_any_port("127.0.0.1");
    return server.bind_to_port("127.0.0.1", port) ? port : -1;
}

}  // namespace

int run_serve(const ServeArgs& a) {
    const models::Mlp<double> model = load_or_train(a.params.empty() ? kDefaultParams : a.params, a.data);
    const sigset_t signals = stop_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    httplib::Server server;
    install_digit_api(server, model);
    const int port = bind(server, a.port);
    if (port < 0) {
        fmt::print(stderr, "chainrule-mnist: cannot listen on 127.0.0.1:{} (in use? --port 0 picks a free port)\n", a.port);
        return 2;
    }
    std::atomic<bool> listening_ended = false;
    std::thread waiter([&] {
        int signal = 0;
        sigwait(&signals, &signal);
        // httplib's stop() does nothing before listen_after_bind() has started: wait for it.
        while (!listening_ended && !server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (!listening_ended) server.stop();
    });
    fmt::print("chainrule-mnist: the digit page is at http://127.0.0.1:{}/ (Ctrl-C stops)\n", port);
    std::fflush(stdout);
    server.listen_after_bind();
    listening_ended = true;
    pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter if the server ended by itself
    waiter.join();
    fmt::print("chainrule-mnist: stopped\n");
    return 0;
}

}  // namespace chainrule::mnist_cli
