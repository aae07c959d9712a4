package waapi

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"fmt"

	"github.com/wellops/wellops"
)

// tokenSealer turns the store's raw cursors into opaque NextTokens and back. A token is the
// cursor encrypted with AES-GCM under the token key, with the account and the operation as
// additional data: a token cannot be read, altered, or replayed by another account or on
// another operation, and stays valid across replicas and restarts that share the key.
type tokenSealer struct {
	aead cipher.AEAD
}

func newTokenSealer(key []byte) (*tokenSealer, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("token key must be 32 bytes, got %d", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &tokenSealer{aead: aead}, nil
}

func tokenAD(account, op string) []byte { return []byte(account + "\x00" + op) }

func (s *tokenSealer) seal(raw, account, op string) string {
	nonce := make([]byte, s.aead.NonceSize(), s.aead.NonceSize()+len(raw)+s.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(s.aead.Seal(nonce, nonce, []byte(raw), tokenAD(account, op)))
}

// open returns the raw cursor of a token this server issued to account for op, or a
// ValidationException naming NextToken.
func (s *tokenSealer) open(token, account, op string) (string, error) {
	bad := &wellops.Error{Code: wellops.EINVALID, Message: "invalid NextToken",
		Fields: []wellops.FieldError{{Name: "NextToken", Message: "is not a token this service issued for this operation and account"}}}
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) < s.aead.NonceSize()+s.aead.Overhead() {
		return "", bad
	}
	n := s.aead.NonceSize()
	raw, err := s.aead.Open(nil, b[:n], b[n:], tokenAD(account, op))
	if err != nil {
		return "", bad
	}
	return string(raw), nil
}
