// The portal's pages of person accounts: register, confirm the email address, send the confirmation link
// again, and reset a forgotten password. They work without JavaScript. Their forms are filled in before
// anyone signs in, so they carry the pre-session CSRF token of the sign-in form (web/auth.hpp) or, for a
// signed-in visitor, the session's; the POST handlers check it themselves (csrf_exempt in the middleware).
// Each POST that succeeds redirects (303) to a page that says what happened.
#include "core/accounts/registration.hpp"
#include "web/accounts/person_links.hpp"
#include "web/auth.hpp"
#include "web/error_mapping.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {
namespace {

AppContext& Ctx(const View& v) { return v.shared().ctx; }

// Puts the form's CSRF token into req.csrf_token (FormPage reads it from there): the session's, else the
// pre-session token of the pre-session cookie, which is made when missing (`cookie` then holds the value
// to set).
void PrepareToken(const View& v, Request& req, std::string& cookie) {
  if (req.session) return;
  std::string pre = req.Cookie(kPreSessionCookie).value_or("");
  if (pre.size() != 64) {
    pre = RandomHex(32);
    cookie = pre;
  }
  req.csrf_token = Ctx(v).auth->PreSessionToken(pre);
}

bool TokenOk(const View& v, const Request& req) {
  std::string presented;
  for (const auto& [k, val] : req.Form())
    if (k == "csrf_token") presented = val;
  if (presented.empty()) return false;
  if (req.session) return ConstantTimeEquals(presented, req.csrf_token);
  const auto pre = req.Cookie(kPreSessionCookie);
  return pre && ConstantTimeEquals(presented, Ctx(v).auth->PreSessionToken(*pre));
}

Response WithPreCookie(Response r, const View& v, const Request& req, const std::string& cookie) {
  if (!cookie.empty())
    r.AddHeader("Set-Cookie", Auth::PreSessionCookie(cookie, Ctx(v).config.secure_cookies || req.tls));
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Response Forbidden(const View& v) { return v.ErrorPage(Error{ErrorCode::kForbidden, "error.csrf", {}, {}}); }

// A page that says what happened, with links on.
Response Message(const View& v, int status, const std::string& title_key, const std::string& text_key,
                 const std::vector<std::pair<std::string, std::string>>& links) {
  TemplateData d{TemplateData::type::object};
  d.set("title", v.T(title_key));
  d.set("text", v.T(text_key));
  TemplateData list{TemplateData::type::list};
  for (const auto& [label_key, href] : links) {
    TemplateData l{TemplateData::type::object};
    l.set("label", v.T(label_key));
    l.set("href", href);
    list.push_back(l);
  }
  d.set("links", list);
  Response r =
      v.Page(status, "account_message", std::move(d), v.T(title_key), {{v.T("nav.home"), v.Href("/")}});
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

// The form page of one of these flows; `fields` builds its controls.
Response Form(const View& v, Request& req, int status, FormState st, const std::string& title_key,
              const std::string& intro, const std::string& path, const std::string& submit_key,
              const std::function<void(Fields&)>& fields) {
  std::string cookie;
  PrepareToken(v, req, cookie);
  Fields f(v, st);
  fields(f);
  Response r = FormPage(v, req, status, v.T(title_key), intro, v.Href(path), f.Take(), v.T(submit_key),
                        v.Href("/"), st, {{v.T("nav.home"), v.Href("/")}});
  return WithPreCookie(std::move(r), v, req, cookie);
}

// Maps a use case's error onto the form (fields keep their names); unavailable store: the error page.
bool FormError(const View& v, const Error& e, FormState& st) {
  if (e.code == ErrorCode::kUnavailable || e.code == ErrorCode::kInternal) return false;
  ApplyError(v, e, st, {});
  return true;
}

// ---- Register -------------------------------------------------------------------------------------------

Response RegisterForm(View& v, Request& req, FormState st, int status) {
  return Form(v, req, status, std::move(st), "register.title", v.T("register.intro"), "/register",
              "register.submit", [&v](Fields& f) {
                f.Typed("full_name", v.T("register.full_name"), "text", "name", "", true);
                f.Typed("email", v.T("register.email"), "email", "email", v.T("register.email_hint"), true);
                f.Typed("iin", v.T("register.iin"), "text", "off", v.T("register.iin_hint"), true, "numeric");
                f.Typed("password", v.T("register.password"), "password", "new-password",
                        v.T("register.password_hint"), true);
                f.BeginGroup(v.T("register.consent_legend"));
                f.Checkbox("consent", v.T("register.consent"), v.T("consent.account.text"));
                f.EndGroup();
              });
}

Response Register(View& v, Request& req) {
  if (req.principal.IsSignedIn()) return Response::Redirect(v.Href("/"));
  if (req.method == "GET") return RegisterForm(v, req, {}, 200);
  if (!TokenOk(v, req)) return Forbidden(v);
  FormState st = FormFromRequest(req);
  accounts::NewPerson p;
  p.full_name = st.Value("full_name");
  p.email = st.Value("email");
  p.iin = st.Value("iin");
  p.password = st.Value("password");
  p.consent = st.Value("consent") == "yes";
  p.lang = v.lang();
  p.consent_text = v.T("consent.account.text");
  auto u =
      accounts::RegisterPerson(Ctx(v).store, p, RegistrationKitOf(Ctx(v)), FreshValues(), ClockedNow(Ctx(v)));
  if (u) return Response::Redirect(v.Href("/register/sent"));
  if (!FormError(v, u.error(), st)) return v.ErrorPage(u.error());
  return RegisterForm(v, req, std::move(st), HttpStatus(ErrorCode::kUnprocessable));
}

// ---- Confirm --------------------------------------------------------------------------------------------

Response ConfirmForm(View& v, Request& req, FormState st, int status) {
  return Form(v, req, status, std::move(st), "confirm.title", v.T("confirm.text"), "/confirm-email",
              "confirm.submit", [](Fields& f) { f.Hidden("token"); });
}

// GET shows a button rather than confirming at once: mail scanners that open links must not use them up.
Response Confirm(View& v, Request& req) {
  if (req.method == "GET") {
    FormState st;
    st.Set("token", req.Query("token").value_or(""));
    return ConfirmForm(v, req, std::move(st), 200);
  }
  if (!TokenOk(v, req)) return Forbidden(v);
  FormState st = FormFromRequest(req);
  auto u = accounts::ConfirmEmail(Ctx(v).store, st.Value("token"), ClockedNow(Ctx(v)));
  if (u) return Response::Redirect(v.Href("/confirm-email/done"));
  if (u.error().code == ErrorCode::kUnavailable || u.error().code == ErrorCode::kInternal)
    return v.ErrorPage(u.error());
  return Message(v, HttpStatus(u.error().code), "confirm.title", u.error().message_key,
                 {{"confirm.resend_link", v.Href("/confirm-email/resend")}});
}

// ---- Links by email: resend the confirmation, reset the password ----------------------------------------

Response EmailForm(View& v, Request& req, FormState st, int status, bool reset) {
  const std::string path = reset ? "/password-reset" : "/confirm-email/resend";
  return Form(v, req, status, std::move(st), reset ? "reset.title" : "resend.title",
              v.T(reset ? "reset.intro" : "resend.intro"), path, reset ? "reset.submit" : "resend.submit",
              [&v](Fields& f) { f.Typed("email", v.T("register.email"), "email", "email", "", true); });
}

Response EmailLink(View& v, Request& req, bool reset) {
  if (req.method == "GET") return EmailForm(v, req, {}, 200, reset);
  if (!TokenOk(v, req)) return Forbidden(v);
  FormState st = FormFromRequest(req);
  AppContext& ctx = Ctx(v);
  auto done = reset ? accounts::RequestPasswordReset(ctx.store, st.Value("email"), v.lang(), ResetMail(ctx),
                                                     FreshToken(), ClockedNow(ctx))
                    : accounts::ResendConfirmation(ctx.store, st.Value("email"), v.lang(), ConfirmMail(ctx),
                                                   FreshToken(), ClockedNow(ctx));
  if (done) return Response::Redirect(v.Href(reset ? "/password-reset/sent" : "/confirm-email/sent"));
  if (!FormError(v, done.error(), st)) return v.ErrorPage(done.error());
  return EmailForm(v, req, std::move(st), HttpStatus(ErrorCode::kUnprocessable), reset);
}

Response NewPasswordForm(View& v, Request& req, FormState st, int status) {
  return Form(v, req, status, std::move(st), "reset.new_title", "", "/password-reset/new", "reset.new_submit",
              [&v](Fields& f) {
                f.Hidden("token");
                f.Typed("password", v.T("register.password"), "password", "new-password",
                        v.T("register.password_hint"), true);
              });
}

Response NewPassword(View& v, Request& req) {
  if (req.method == "GET") {
    FormState st;
    st.Set("token", req.Query("token").value_or(""));
    return NewPasswordForm(v, req, std::move(st), 200);
  }
  if (!TokenOk(v, req)) return Forbidden(v);
  FormState st = FormFromRequest(req);
  AppContext& ctx = Ctx(v);
  static const accounts::BreachedPasswords kNone;
  auto u = accounts::CompletePasswordReset(
      ctx.store, st.Value("token"), st.Value("password"), RegistrationKitOf(ctx).hash_password,
      ctx.breached_passwords ? *ctx.breached_passwords : kNone, ClockedNow(ctx));
  if (u) return Response::Redirect(v.Href("/password-reset/done"));
  const Error& e = u.error();
  if (e.code == ErrorCode::kUnavailable || e.code == ErrorCode::kInternal) return v.ErrorPage(e);
  if (e.message_key.rfind("error.link_", 0) == 0)
    return Message(v, HttpStatus(e.code), "reset.new_title", e.message_key,
                   {{"reset.title", v.Href("/password-reset")}});
  FormError(v, e, st);
  return NewPasswordForm(v, req, std::move(st), HttpStatus(ErrorCode::kUnprocessable));
}

}  // namespace

void RegisterPersonPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  const RouteOptions form{.csrf_exempt = true, .summary = "", .tag = "portal"};
  const auto both = [&](const std::string& path, PageHandler h, const std::string& summary) {
    RouteOptions o = form;
    o.summary = summary;
    AddPage(router, shared, "GET", path, h, o);
    AddPage(router, shared, "POST", path, h, o);
  };
  both("/register", Register, "Register a person account (form)");
  both("/confirm-email", Confirm, "Confirm an email address with the link's token (form)");
  both(
      "/confirm-email/resend", [](View& v, Request& req) { return EmailLink(v, req, false); },
      "Send the confirmation link again (form)");
  both(
      "/password-reset", [](View& v, Request& req) { return EmailLink(v, req, true); },
      "Ask for a password-reset link (form)");
  both("/password-reset/new", NewPassword, "Set a new password with a reset link (form)");
  const auto message = [&](const std::string& path, std::string title, std::string text,
                           std::vector<std::pair<std::string, std::string>> links) {
    AddPage(router, shared, "GET", path,
            [title, text, links](View& v, Request&) {
              std::vector<std::pair<std::string, std::string>> hrefs;
              for (const auto& [label, to] : links) hrefs.emplace_back(label, v.Href(to));
              return Message(v, 200, title, text, hrefs);
            },
            {.summary = "What happened after a person-account form", .tag = "portal"});
  };
  message("/register/sent", "register.sent_title", "register.sent_text",
          {{"confirm.resend_link", "/confirm-email/resend"}});
  message("/confirm-email/done", "confirm.title", "confirm.done", {{"auth.login.submit", "/login"}});
  message("/confirm-email/sent", "resend.title", "resend.sent", {});
  message("/password-reset/sent", "reset.title", "reset.sent", {});
  message("/password-reset/done", "reset.new_title", "reset.done", {{"auth.login.submit", "/login"}});
}

}  // namespace jospar::web
