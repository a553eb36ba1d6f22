#include "output.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace chainrule::tools {

namespace {

std::string reason(int error) { return std::strerror(error); }

// Closes and removes the temporary file unless release() was called.
class TemporaryFile {
public:
    explicit TemporaryFile(const std::filesystem::path& target) {
        const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
        std::string hidden = ".";  // appended, not "." + …: GCC 12's -Wrestrict false positive
        hidden.append(target.filename().string()).append(".tmp-XXXXXX");
        name_ = (dir / hidden).string();
        fd_ = ::mkstemp(name_.data());
        if (fd_ < 0) throw ToolError("cannot write '" + target.string() + "': " + reason(errno));
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!name_.empty()) ::unlink(name_.c_str());
    }

    void write(std::string_view bytes) {
        while (!bytes.empty()) {
            const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) fail_io();
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
    }

    // mkstemp makes the file 0600; a written result gets the usual 0666 & ~umask.
    void finish() {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        if (::fchmod(fd_, 0666 & ~mask) != 0 || ::fsync(fd_) != 0) fail_io();
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) fail_io();
    }

    void rename_to(const std::filesystem::path& target) {
        if (::rename(name_.c_str(), target.c_str()) != 0)
            throw ToolError("cannot write '" + target.string() + "': " + reason(errno));
        name_.clear();
    }

private:
    [[noreturn]] void fail_io() const { throw ToolError("cannot write '" + name_ + "': " + reason(errno)); }

    std::string name_;
    int fd_ = -1;
};

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
    if (path.empty() || !path.has_filename()) throw ToolError("cannot write '" + path.string() + "': not a file name");
    TemporaryFile file(path);
    file.write(bytes);
    file.finish();
    file.rename_to(path);
}

void emit(std::string_view bytes, const std::string& path, std::ostream& out) {
    if (path.empty()) {
        out << bytes;
        out.flush();
        return;
    }
    write_file_atomically(path, bytes);
}

}  // namespace chainrule::tools
