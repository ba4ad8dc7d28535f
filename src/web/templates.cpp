#include "web/templates.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace jospar::web {

namespace fs = std::filesystem;
using kainjow::mustache::mustache;

Result<std::shared_ptr<const Templates>> Templates::Load(const std::string& dir) {
  static std::atomic<std::uint64_t> next_generation{1};
  auto t = std::make_shared<Templates>();
  t->generation_ = next_generation++;
  if (!fs::is_directory(dir)) return Fail(ErrorCode::kInvalidInput, "error.templates", dir + ": missing");
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".mustache") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    mustache parsed(ss.str());
    if (!parsed.is_valid())
      return Fail(ErrorCode::kInvalidInput, "error.templates",
                  e.path().string() + ": " + parsed.error_message());
    t->sources_[e.path().stem().string()] = ss.str();
  }
  return std::shared_ptr<const Templates>(std::move(t));
}

Result<std::string> Templates::Render(std::string_view name, const TemplateData& data) const {
  static const TemplateData kEmpty;
  return Render(name, data, kEmpty);
}

Result<std::string> Templates::Render(std::string_view name, const TemplateData& data,
                                      const TemplateData& base) const {
  thread_local std::unordered_map<std::uint64_t, std::unordered_map<std::string, std::unique_ptr<mustache>>>
      cache;
  auto& mine = cache[generation_];
  std::string key(name);
  auto it = mine.find(key);
  if (it == mine.end()) {
    auto src = sources_.find(key);
    if (src == sources_.end()) return Fail(ErrorCode::kNotFound, "error.not_found", "template " + key);
    it = mine.emplace(key, std::make_unique<mustache>(src->second)).first;
  }
  kainjow::mustache::context<std::string> ctx;
  ctx.push(&base);
  ctx.push(&data);  // searched first
  std::string out = it->second->render(ctx);
  if (!it->second->is_valid()) {
    std::string msg = it->second->error_message();
    mine.erase(it);
    return Fail(ErrorCode::kInternal, "error.internal", "template " + key + ": " + msg);
  }
  return out;
}

}  // namespace jospar::web
