using Club.Domain.Privacy;

namespace Club.Infrastructure.Persistence.DemoData;

/// <summary>The first version of the club rules and the privacy policy, so the demo's sign-up links lead somewhere real.</summary>
internal static class DemoLegal
{
    public static IReadOnlyList<LegalDocument> All(DateTimeOffset now) =>
    [
        new LegalDocument { Kind = LegalDocumentKinds.Rules, Version = 1, PublishedAt = now, BodyRu = RulesRu, BodyEn = RulesEn },
        new LegalDocument { Kind = LegalDocumentKinds.Privacy, Version = 1, PublishedAt = now, BodyRu = PrivacyRu, BodyEn = PrivacyEn },
    ];

    private const string RulesRu = """
        # Кто может участвовать
        Участником клуба может стать любой совершеннолетний покупатель украшений AQUAMARINE. Продавцы магазинов-партнёров участвуют после того, как менеджер программы подтвердит их магазин.

        # Как начисляются баллы
        Баллы начисляются за регистрацию изделия по коду под защитным слоем бирки, за подтверждённые продажи (для продавцов) и за участие в активностях клуба. Сколько баллов даёт изделие, показано на странице изделия до регистрации.

        # Срок жизни баллов
        Баллы действуют ограниченное время: срок указан в разделе «Мои баллы». О скором сгорании баллов клуб напоминает письмом.

        # Возврат изделия
        Если изделие возвращено в магазин, начисленные за него баллы списываются. Если часть баллов уже потрачена, остаток списывается из следующих начислений.

        # Подарки
        Баллы можно обменять на подарки из каталога. Заказ можно отменить, пока он не передан в магазин; баллы при этом возвращаются.

        # Изменение правил
        Клуб может изменять эти правила. О новой редакции мы сообщим при следующем входе в личный кабинет; продолжая участие, вы принимаете новую редакцию.
        """;

    private const string RulesEn = """
        # Who can join
        Any adult who buys AQUAMARINE jewelry can join the club. Sales assistants of partner shops take part once the program manager has confirmed their shop.

        # How points are earned
        Points are earned by registering an item with the code under the tag's scratch-off layer, by confirmed sales (for sellers) and by taking part in the club's activities. The item's page shows how many points it earns before you register it.

        # How long points last
        Points last for a limited time, shown on the My points page. The club reminds you by email before points expire.

        # Returned items
        If an item is returned to the shop, the points earned with it are taken back. If some were already spent, the rest is taken from the next points you earn.

        # Gifts
        Points can be exchanged for gifts from the gift catalog. An order can be cancelled until it has been passed to the shop; the points then come back.

        # Changes to the rules
        The club may change these rules. You will be shown the new version the next time you open your account; by staying in the club you accept it.
        """;

    private const string PrivacyRu = """
        # Какие данные мы храним
        Имя, адрес электронной почты, телефон, дату рождения и город, если вы их указали; зарегистрированные изделия, баллы, заказы подарков, ответы на опросы и результаты обучения. Для продавцов — магазин, должность и продажи.

        # Зачем
        Чтобы вести ваш счёт баллов, подтверждать подлинность изделий, выдавать подарки и отвечать на ваши обращения. Рекламные письма и SMS мы отправляем только с вашего отдельного согласия, его можно отозвать в личном кабинете.

        # Кому мы их передаём
        Магазину-партнёру — только то, что нужно для продажи и выдачи подарка. Найти вас по телефону в магазине-партнёре можно, только если вы это разрешили в личном кабинете.

        # Сканирования бирок
        Когда кто-то сканирует бирку, мы храним не адрес, а его обезличенный отпечаток; через установленный срок удаляется и он.

        # Ваши права
        В личном кабинете можно скачать все данные о себе и удалить аккаунт. Удаление можно отменить в течение нескольких дней, после этого личные данные стираются, а баллы и продажи остаются в отчётах без вашего имени.

        # Контакты
        Вопросы о данных: club@aquamarine.example.
        """;

    private const string PrivacyEn = """
        # What we keep
        Your name, email address, phone, and your birthday and city if you gave them; the items you registered, your points, gift orders, survey answers and training results. For sellers: the shop, position and sales.

        # Why
        To keep your points account, confirm that items are genuine, hand out gifts and answer your questions. Promotional mail and SMS are sent only with your separate consent, which you can withdraw in your account.

        # Who sees it
        A partner shop sees only what a sale or a gift pick-up needs. A partner shop can find you by phone only if you allowed it in your account.

        # Tag scans
        When someone scans a tag we keep an anonymous fingerprint instead of their address, and remove that too after a set time.

        # Your rights
        In your account you can download everything we hold about you and delete your account. A deletion can be cancelled for a few days; then your personal data is erased, while points and sales stay in the reports without your name.

        # Contact
        Questions about your data: club@aquamarine.example.
        """;
}
