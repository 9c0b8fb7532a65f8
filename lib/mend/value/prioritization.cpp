// SPDX-License-Identifier: Apache-2.0
#include "mend/value/prioritization.hpp"

#include <cctype>
#include <string>

#include <fmt/format.h>

namespace mend {
namespace {

// The statement language is GMCR's own five-operator notation; muparser cannot express it
// (it has no `if`/`iff` and reads `-x` as negation of a number), so it gets this small
// precedence parser: iff < if < | < & < unary -.
class StatementParser {
 public:
  StatementParser(std::string_view text, const OptionLookup& lookup)
      : text_(text), lookup_(lookup) {}

  Result<PriorityStatementFormula> Parse() {
    Next();
    MEND_TRY(ParseIff());
    if (!token_.empty()) return Unexpected("the end of the statement");
    return PriorityStatementFormula(std::move(program_));
  }

 private:
  using Op = PriorityStatementFormula::Op;

  Status ParseIff() {
    MEND_TRY(ParseIf());
    if (Keyword("iff")) {
      Next();
      MEND_TRY(ParseIf());
      program_.push_back({Op::kIff});
    }
    return Ok();
  }
  Status ParseIf() {
    MEND_TRY(ParseOr());
    if (Keyword("if")) {
      Next();
      MEND_TRY(ParseOr());
      program_.push_back({Op::kIf});
    }
    return Ok();
  }
  Status ParseOr() {
    MEND_TRY(ParseAnd());
    while (token_ == "|") {
      Next();
      MEND_TRY(ParseAnd());
      program_.push_back({Op::kOr});
    }
    return Ok();
  }
  Status ParseAnd() {
    MEND_TRY(ParseUnary());
    while (token_ == "&") {
      Next();
      MEND_TRY(ParseUnary());
      program_.push_back({Op::kAnd});
    }
    return Ok();
  }
  Status ParseUnary() {
    if (++depth_ > 200) return Error::InvalidArgument("statement nested too deeply");
    Status status = ParseUnaryInner();
    --depth_;
    return status;
  }
  Status ParseUnaryInner() {
    if (token_ == "-") {
      Next();
      MEND_TRY(ParseUnary());
      program_.push_back({Op::kNot});
      return Ok();
    }
    if (token_ == "(") {
      Next();
      MEND_TRY(ParseIff());
      if (token_ != ")") return Unexpected("')'");
      Next();
      return Ok();
    }
    if (token_.empty() || !IsIdentifierStart(token_[0]) || Keyword("if") || Keyword("iff")) {
      return Unexpected("an option id, '-' or '('");
    }
    std::optional<int> option = lookup_(token_);
    if (!option) {
      return Error::InvalidArgument(fmt::format(
          "unknown option '{}' in \"{}\"; expected an option id of this case", token_, text_));
    }
    program_.push_back({Op::kOption, *option});
    Next();
    return Ok();
  }

  static bool IsIdentifierStart(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
  }
  static bool IsIdentifierPart(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  }
  bool Keyword(std::string_view word) const {
    if (token_.size() != word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(token_[i])) != word[i]) return false;
    }
    return true;
  }
  Error Unexpected(std::string_view expected) const {
    return Error::InvalidArgument(fmt::format(
        "expected {} at position {} of \"{}\", found {}", expected, token_start_ + 1, text_,
        token_.empty() ? std::string("the end") : "'" + std::string(token_) + "'"));
  }
  void Next() {
    while (position_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[position_]))) {
      ++position_;
    }
    token_start_ = position_;
    if (position_ >= text_.size()) {
      token_ = {};
      return;
    }
    if (IsIdentifierStart(text_[position_])) {
      std::size_t end = position_;
      while (end < text_.size() && IsIdentifierPart(text_[end])) ++end;
      token_ = text_.substr(position_, end - position_);
      position_ = end;
      return;
    }
    token_ = text_.substr(position_, 1);
    ++position_;
  }

  std::string_view text_;
  const OptionLookup& lookup_;
  std::size_t position_ = 0;
  std::size_t token_start_ = 0;
  std::string_view token_;
  int depth_ = 0;
  std::vector<PriorityStatementFormula::Step> program_;
};

}  // namespace

bool PriorityStatementFormula::Holds(StateCode code) const {
  // Statements are short; a fixed stack keeps evaluation allocation-free.
  bool stack[256];
  int top = 0;
  for (const Step& step : program_) {
    switch (step.op) {
      case Op::kOption:
        stack[top++] = ((code >> step.option) & 1U) != 0;
        break;
      case Op::kNot:
        stack[top - 1] = !stack[top - 1];
        break;
      case Op::kAnd:
        --top;
        stack[top - 1] = stack[top - 1] && stack[top];
        break;
      case Op::kOr:
        --top;
        stack[top - 1] = stack[top - 1] || stack[top];
        break;
      case Op::kIf:  // "a if b": b implies a
        --top;
        stack[top - 1] = stack[top - 1] || !stack[top];
        break;
      case Op::kIff:
        --top;
        stack[top - 1] = stack[top - 1] == stack[top];
        break;
    }
  }
  return top == 1 && stack[0];
}

Result<PriorityStatementFormula> ParsePriorityStatement(std::string_view text,
                                                        const OptionLookup& lookup) {
  if (text.size() > 4096) {
    return Error::InvalidArgument("statement longer than 4096 characters");
  }
  return StatementParser(text, lookup).Parse();
}

}  // namespace mend
