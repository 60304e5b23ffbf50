#include "integrations/mail/gpg_keyring.h"

#include <gpgme.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "core/str_cat.h"

namespace srcbot::mail {

namespace {

struct CtxFree {
  void operator()(gpgme_ctx_t c) const { gpgme_release(c); }
};
struct DataFree {
  void operator()(gpgme_data_t d) const { gpgme_data_release(d); }
};
struct KeyFree {
  void operator()(gpgme_key_t k) const { gpgme_key_unref(k); }
};
using Ctx = std::unique_ptr<std::remove_pointer_t<gpgme_ctx_t>, CtxFree>;
using Data = std::unique_ptr<std::remove_pointer_t<gpgme_data_t>, DataFree>;
using Key = std::unique_ptr<std::remove_pointer_t<gpgme_key_t>, KeyFree>;

std::string Why(gpgme_error_t err) { return gpgme_strerror(err); }

core::Result<Ctx> NewContext(const std::string& home) {
  static std::once_flag once;
  std::call_once(once, [] { gpgme_check_version(nullptr); });
  gpgme_ctx_t raw = nullptr;
  if (gpgme_error_t err = gpgme_new(&raw)) {
    return core::Status::Unavailable(core::StrCat({"OpenPGP: ", Why(err)}));
  }
  Ctx ctx(raw);
  if (gpgme_error_t err =
          gpgme_ctx_set_engine_info(ctx.get(), GPGME_PROTOCOL_OpenPGP, nullptr, home.c_str())) {
    return core::Status::Unavailable(core::StrCat({"OpenPGP home: ", Why(err)}));
  }
  gpgme_set_armor(ctx.get(), 1);
  gpgme_set_offline(ctx.get(), 1);
  gpgme_set_pinentry_mode(ctx.get(), GPGME_PINENTRY_MODE_LOOPBACK);
  return ctx;
}

Data FromBytes(std::string_view bytes) {
  gpgme_data_t d = nullptr;
  gpgme_data_new_from_mem(&d, bytes.data(), bytes.size(), 1);
  return Data(d);
}

Data Empty() {
  gpgme_data_t d = nullptr;
  gpgme_data_new(&d);
  return Data(d);
}

std::string Bytes(Data& d) {
  std::size_t size = 0;
  char* mem = gpgme_data_release_and_get_mem(d.release(), &size);
  std::string out(mem ? mem : "", mem ? size : 0);
  gpgme_free(mem);
  return out;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool Usable(gpgme_key_t k) {
  return k && !k->revoked && !k->expired && !k->disabled && !k->invalid;
}

Key KeyByFingerprint(gpgme_ctx_t ctx, const std::string& fingerprint, bool secret) {
  gpgme_key_t k = nullptr;
  if (gpgme_get_key(ctx, fingerprint.c_str(), &k, secret ? 1 : 0)) return nullptr;
  return Key(k);
}

// Makes the SRC's secret key the context's signer. The context keeps its own
// reference, so the key may be released here.
core::Status AddSigner(gpgme_ctx_t ctx, const std::string& fingerprint) {
  Key signer = KeyByFingerprint(ctx, fingerprint, true);
  if (!signer) return core::Status::Unavailable("OpenPGP: the SRC key is gone from the home");
  gpgme_signers_add(ctx, signer.get());
  return core::Status::Ok();
}

}  // namespace

core::Result<std::unique_ptr<GpgKeyring>> GpgKeyring::Open(const std::string& home) {
  core::Result<Ctx> ctx = NewContext(home);
  if (!ctx.ok()) return ctx.status();
  if (gpgme_error_t err = gpgme_op_keylist_start(ctx.value().get(), nullptr, 1)) {
    return core::Status::Invalid(core::StrCat({"OpenPGP home ", home, ": ", Why(err)}));
  }
  std::vector<Key> secret;
  gpgme_key_t k = nullptr;
  while (gpgme_op_keylist_next(ctx.value().get(), &k) == 0) {
    if (Usable(k) && k->can_sign) {
      secret.emplace_back(k);
    } else {
      gpgme_key_unref(k);
    }
  }
  gpgme_op_keylist_end(ctx.value().get());
  if (secret.size() != 1) {
    return core::Status::Invalid(
        core::StrCat({"OpenPGP home ", home,
                      secret.empty() ? ": no usable secret key (the SRC's key)"
                                     : ": more than one secret key; keep only the SRC's"}));
  }
  gpgme_key_t key = secret.front().get();
  std::string address = key->uids && key->uids->email ? key->uids->email : "";
  return std::unique_ptr<GpgKeyring>(new GpgKeyring(home, key->fpr ? key->fpr : "", address));
}

core::Result<Decrypted> GpgKeyring::Decrypt(std::string_view ciphertext) const {
  core::Result<Ctx> ctx = NewContext(home_);
  if (!ctx.ok()) return ctx.status();
  Data in = FromBytes(ciphertext);
  Data out = Empty();
  if (gpgme_error_t err = gpgme_op_decrypt_verify(ctx.value().get(), in.get(), out.get())) {
    return core::Status::Invalid(core::StrCat({"could not decrypt: ", Why(err)}));
  }
  Decrypted d;
  if (gpgme_verify_result_t v = gpgme_op_verify_result(ctx.value().get())) {
    for (gpgme_signature_t s = v->signatures; s; s = s->next) {
      if (s->fpr && gpg_err_code(s->status) == GPG_ERR_NO_ERROR) d.signed_by = s->fpr;
    }
  }
  d.plaintext = Bytes(out);
  return d;
}

core::Result<std::string> GpgKeyring::EncryptSigned(
    std::string_view plaintext, const std::vector<std::string>& recipients) const {
  core::Result<Ctx> ctx = NewContext(home_);
  if (!ctx.ok()) return ctx.status();
  gpgme_ctx_t c = ctx.value().get();
  if (core::Status signer = AddSigner(c, fingerprint_); !signer.ok()) return signer;
  std::vector<Key> keys;
  std::vector<std::string> all = recipients;
  all.push_back(fingerprint_);
  for (const std::string& fpr : all) {
    Key k = KeyByFingerprint(c, fpr, false);
    if (!Usable(k.get()) || !k->can_encrypt) {
      return core::Status::Invalid(
          core::StrCat({"OpenPGP: no usable key ", fpr, " to encrypt to"}));
    }
    keys.push_back(std::move(k));
  }
  std::vector<gpgme_key_t> raw;
  for (Key& k : keys) raw.push_back(k.get());
  raw.push_back(nullptr);
  Data in = FromBytes(plaintext);
  Data out = Empty();
  // Reporters' keys come in their own mail and are certified by nobody:
  // the binding to the address was checked at import (ImportFor).
  if (gpgme_error_t err =
          gpgme_op_encrypt_sign(c, raw.data(), GPGME_ENCRYPT_ALWAYS_TRUST, in.get(), out.get())) {
    return core::Status::Unavailable(core::StrCat({"OpenPGP: could not encrypt: ", Why(err)}));
  }
  return Bytes(out);
}

core::Result<GpgKeyring::Signature> GpgKeyring::SignDetached(std::string_view data) const {
  core::Result<Ctx> ctx = NewContext(home_);
  if (!ctx.ok()) return ctx.status();
  gpgme_ctx_t c = ctx.value().get();
  if (core::Status signer = AddSigner(c, fingerprint_); !signer.ok()) return signer;
  Data in = FromBytes(data);
  Data out = Empty();
  if (gpgme_error_t err = gpgme_op_sign(c, in.get(), out.get(), GPGME_SIG_MODE_DETACH)) {
    return core::Status::Unavailable(core::StrCat({"OpenPGP: could not sign: ", Why(err)}));
  }
  Signature sig;
  gpgme_sign_result_t result = gpgme_op_sign_result(c);
  const char* hash =
      result && result->signatures ? gpgme_hash_algo_name(result->signatures->hash_algo) : nullptr;
  sig.micalg = core::StrCat({"pgp-", Lower(hash ? hash : "sha256")});
  sig.armored = Bytes(out);
  return sig;
}

core::Result<std::string> GpgKeyring::ImportFor(std::string_view key_data,
                                                const std::string& address) const {
  // Imported into a scratch context first would be safer still; GnuPG's
  // import of public keys cannot touch the secret key, and a key that does
  // not name `address` is deleted again at once.
  core::Result<Ctx> ctx = NewContext(home_);
  if (!ctx.ok()) return ctx.status();
  gpgme_ctx_t c = ctx.value().get();
  Data in = FromBytes(key_data);
  if (gpgme_error_t err = gpgme_op_import(c, in.get())) {
    return core::Status::Invalid(core::StrCat({"OpenPGP key: ", Why(err)}));
  }
  // Copied out first: the next operation on the context frees the result.
  std::vector<std::pair<std::string, bool>> imported;  // fingerprint, new here
  gpgme_import_result_t result = gpgme_op_import_result(c);
  for (gpgme_import_status_t s = result ? result->imports : nullptr; s; s = s->next) {
    if (s->fpr && s->result == GPG_ERR_NO_ERROR) {
      imported.emplace_back(s->fpr, (s->status & GPGME_IMPORT_NEW) != 0);
    }
  }
  std::string found;
  for (const auto& [fpr, is_new] : imported) {
    Key k = KeyByFingerprint(c, fpr, false);
    if (!k || fpr == fingerprint_) continue;
    bool names = false;
    for (gpgme_user_id_t uid = k->uids; uid; uid = uid->next) {
      if (uid->email && Lower(uid->email) == Lower(address)) names = true;
    }
    if (names && Usable(k.get()) && k->can_encrypt) {
      found = fpr;
    } else if (is_new) {
      gpgme_op_delete_ext(c, k.get(), GPGME_DELETE_FORCE);
    }
  }
  if (found.empty()) {
    return core::Status::Invalid(
        core::StrCat({"OpenPGP key: none usable for encryption names ", address}));
  }
  return found;
}

core::Result<std::string> GpgKeyring::ExportPublic() const {
  core::Result<Ctx> ctx = NewContext(home_);
  if (!ctx.ok()) return ctx.status();
  Data out = Empty();
  if (gpgme_error_t err = gpgme_op_export(ctx.value().get(), fingerprint_.c_str(),
                                          GPGME_EXPORT_MODE_MINIMAL, out.get())) {
    return core::Status::Unavailable(core::StrCat({"OpenPGP: could not export: ", Why(err)}));
  }
  std::string armored = Bytes(out);
  if (armored.empty()) return core::Status::Unavailable("OpenPGP: the SRC key did not export");
  return armored;
}

std::string GpgKeyring::KeyFor(const std::string& address) const {
  core::Result<Ctx> ctx = NewContext(home_);
  if (!ctx.ok() || address.empty()) return "";
  gpgme_ctx_t c = ctx.value().get();
  const std::string pattern = core::StrCat({"<", address, ">"});
  if (gpgme_op_keylist_start(c, pattern.c_str(), 0)) return "";
  std::string found;
  gpgme_key_t k = nullptr;
  while (gpgme_op_keylist_next(c, &k) == 0) {
    Key key(k);
    if (found.empty() && Usable(key.get()) && key->can_encrypt && key->fpr &&
        std::string(key->fpr) != fingerprint_) {
      for (gpgme_user_id_t uid = key->uids; uid; uid = uid->next) {
        if (uid->email && Lower(uid->email) == Lower(address)) found = key->fpr;
      }
    }
  }
  gpgme_op_keylist_end(c);
  return found;
}

bool GpgKeyring::CanEncryptTo(const std::string& fingerprint) const {
  core::Result<Ctx> ctx = NewContext(home_);
  if (!ctx.ok()) return false;
  Key k = KeyByFingerprint(ctx.value().get(), fingerprint, false);
  return Usable(k.get()) && k->can_encrypt;
}

}  // namespace srcbot::mail
