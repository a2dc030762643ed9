//! Reading a PKCS#12 (.p12 / .pfx) file: the private key and its
//! certificate chain. Both encryptions met in practice are handled: the
//! legacy PKCS#12 PBE (3DES or RC2-40 with SHA-1, what Windows and
//! `openssl -legacy` write) and PBES2 (AES with PBKDF2, OpenSSL 3's
//! default). The password is checked against the file's MAC first, so a
//! wrong password is reported as such.

use cms::content_info::ContentInfo;
use cms::encrypted_data::EncryptedData;
use der::asn1::{AnyRef, OctetString};
use der::oid::ObjectIdentifier;
use der::{Decode, Encode};
use hmac::{Hmac, Mac};
use pkcs12::kdf::{Pkcs12KeyType, derive_key_utf8};
use pkcs12::pbe_params::Pkcs12PbeParams;
use pkcs12::pfx::Pfx;
use pkcs12::safe_bag::SafeContents;
use rsa::RsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use super::SignError;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_ENCRYPTED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
const PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
const SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

/// A signing identity: the key and the certificates, signer's first.
pub struct Identity {
    /// The private key (RSA: what Vietnamese CAs issue).
    pub key: RsaPrivateKey,
    /// The signer's certificate.
    pub certificate: Certificate,
    /// The other certificates of the file (CA chain), in file order.
    pub chain: Vec<Certificate>,
}

fn bad(what: impl Into<String>) -> SignError {
    SignError::Pkcs12(what.into())
}

/// Read `der` (the bytes of a .p12 file) with `password`.
pub fn load(der: &[u8], password: &str) -> Result<Identity, SignError> {
    let pfx = Pfx::from_der(der).map_err(|e| bad(format!("not a PKCS#12 file ({e})")))?;
    if pfx.auth_safe.content_type != ID_DATA {
        return Err(bad("public-key integrity mode is not supported"));
    }
    let auth_bytes = pfx
        .auth_safe
        .content
        .decode_as::<OctetString>()
        .map_err(|e| bad(format!("broken content ({e})")))?
        .into_bytes();
    if let Some(mac) = &pfx.mac_data {
        verify_mac(mac, &auth_bytes, password)?;
    }
    let safes = Vec::<ContentInfo>::from_der(&auth_bytes).map_err(|e| bad(format!("broken safes ({e})")))?;

    let mut keys = Vec::new();
    let mut certs = Vec::new();
    for safe in safes {
        let contents = if safe.content_type == ID_DATA {
            safe.content.decode_as::<OctetString>().map_err(|e| bad(e.to_string()))?.into_bytes()
        } else if safe.content_type == ID_ENCRYPTED_DATA {
            let data = safe.content.decode_as::<EncryptedData>().map_err(|e| bad(e.to_string()))?;
            let info = data.enc_content_info;
            let ciphertext = info.encrypted_content.ok_or_else(|| bad("encrypted safe without content"))?;
            decrypt(&info.content_enc_alg, ciphertext.as_bytes(), password)?
        } else {
            continue;
        };
        let bags = SafeContents::from_der(&contents).map_err(|e| bad(format!("broken bags ({e})")))?;
        for bag in bags {
            let inner = AnyRef::from_der(&bag.bag_value).map_err(|e| bad(e.to_string()))?;
            if bag.bag_id == pkcs12::PKCS_12_PKCS8_KEY_BAG_OID {
                let info = pkcs12::pbe_params::EncryptedPrivateKeyInfo::from_der(inner.value())
                    .map_err(|e| bad(format!("broken key bag ({e})")))?;
                let plain = decrypt(&info.encryption_algorithm, info.encrypted_data.as_bytes(), password)?;
                keys.push(RsaPrivateKey::from_pkcs8_der(&plain).map_err(|e| {
                    bad(format!("the key is not an RSA key vanban can use ({e}); ECDSA keys are not supported yet"))
                })?);
            } else if bag.bag_id == pkcs12::PKCS_12_KEY_BAG_OID {
                keys.push(RsaPrivateKey::from_pkcs8_der(inner.value()).map_err(|e| bad(e.to_string()))?);
            } else if bag.bag_id == pkcs12::PKCS_12_CERT_BAG_OID {
                let bag = pkcs12::cert_type::CertBag::from_der(inner.value()).map_err(|e| bad(e.to_string()))?;
                if bag.cert_id == pkcs12::PKCS_12_X509_CERT_OID {
                    certs.push(Certificate::from_der(bag.cert_value.as_bytes()).map_err(|e| bad(e.to_string()))?);
                }
            }
        }
    }

    let key = keys.into_iter().next().ok_or_else(|| bad("the file holds no private key"))?;
    // The signer's certificate is the one whose public key is the key's.
    let public = rsa::pkcs1::EncodeRsaPublicKey::to_pkcs1_der(&key.to_public_key()).map_err(|e| bad(e.to_string()))?;
    let position = certs
        .iter()
        .position(|c| c.tbs_certificate.subject_public_key_info.subject_public_key.raw_bytes() == public.as_bytes())
        .ok_or_else(|| bad("no certificate in the file matches its private key"))?;
    let certificate = certs.remove(position);
    Ok(Identity { key, certificate, chain: certs })
}

fn der_err(e: der::Error) -> SignError {
    bad(e.to_string())
}

fn verify_mac(mac: &pkcs12::mac_data::MacData, data: &[u8], password: &str) -> Result<(), SignError> {
    let salt = mac.mac_salt.as_bytes();
    let rounds = mac.iterations;
    let expected = mac.mac.digest.as_bytes();
    let ok = match mac.mac.algorithm.oid {
        oid if oid == SHA1 => {
            let key = derive_key_utf8::<sha1::Sha1>(password, salt, Pkcs12KeyType::Mac, rounds, 20).map_err(der_err)?;
            let mut m = <Hmac<sha1::Sha1> as Mac>::new_from_slice(&key).map_err(|e| bad(e.to_string()))?;
            m.update(data);
            m.verify_slice(expected).is_ok()
        }
        oid if oid == SHA256 => {
            let key =
                derive_key_utf8::<sha2::Sha256>(password, salt, Pkcs12KeyType::Mac, rounds, 32).map_err(der_err)?;
            let mut m = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&key).map_err(|e| bad(e.to_string()))?;
            m.update(data);
            m.verify_slice(expected).is_ok()
        }
        other => return Err(bad(format!("unsupported MAC algorithm {other}"))),
    };
    if ok { Ok(()) } else { Err(SignError::Password) }
}

/// Decrypt with a PKCS#12 PBE or PBES2 scheme.
fn decrypt(alg: &AlgorithmIdentifierOwned, ciphertext: &[u8], password: &str) -> Result<Vec<u8>, SignError> {
    use cbc::cipher::block_padding::Pkcs7;
    use cbc::cipher::{BlockDecryptMut, InnerIvInit, KeyIvInit};

    if alg.oid == PBES2 {
        let der = alg.to_der().map_err(der_err)?;
        let scheme = pkcs5::EncryptionScheme::from_der(&der).map_err(der_err)?;
        return scheme.decrypt(password, ciphertext).map_err(|_| SignError::Password);
    }
    let params = alg
        .parameters
        .as_ref()
        .ok_or_else(|| bad("PBE without parameters"))?
        .decode_as::<Pkcs12PbeParams>()
        .map_err(der_err)?;
    let salt = params.salt.as_bytes();
    let rounds = params.iterations;
    let derive = |kind, len| derive_key_utf8::<sha1::Sha1>(password, salt, kind, rounds, len).map_err(der_err);
    if alg.oid == pkcs12::PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC {
        let (key, iv) = (derive(Pkcs12KeyType::EncryptionKey, 24)?, derive(Pkcs12KeyType::Iv, 8)?);
        cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
            .map_err(|e| bad(e.to_string()))?
            .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
            .map_err(|_| SignError::Password)
    } else if alg.oid == pkcs12::PKCS_12_PBEWITH_SHAAND40_BIT_RC2_CBC {
        let (key, iv) = (derive(Pkcs12KeyType::EncryptionKey, 5)?, derive(Pkcs12KeyType::Iv, 8)?);
        let cipher = rc2::Rc2::new_with_eff_key_len(&key, 40);
        cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(cipher, &iv)
            .map_err(|e| bad(e.to_string()))?
            .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
            .map_err(|_| SignError::Password)
    } else {
        Err(bad(format!("unsupported encryption {}", alg.oid)))
    }
}
